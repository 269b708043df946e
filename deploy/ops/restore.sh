#!/usr/bin/env bash
# Restores a backup made by backup.sh into a new, empty data directory, for a service that is
# not running there: the service then starts on it as on any store (its migrations run if the
# backup is older than the executable).
#
#   deploy/ops/restore.sh BACKUP_FILE NEW_DATA_DIR SERVICE_NAME
set -euo pipefail
[[ $# -eq 3 ]] || { sed -n '2,6p' "$0" >&2; exit 2; }
BACKUP=$1 DATA_DIR=$2 SERVICE=$3
[[ -f "$BACKUP" ]] || { echo "restore: no backup at $BACKUP" >&2; exit 1; }
result=$(sqlite3 "$BACKUP" "PRAGMA integrity_check")
[[ "$result" == "ok" ]] || { echo "restore: the backup failed its integrity check: $result" >&2; exit 1; }
mkdir -p "$DATA_DIR"
TARGET="$DATA_DIR/$SERVICE.sqlite"
if [[ -e "$TARGET" || -e "$TARGET-wal" ]]; then
  echo "restore: $TARGET exists; restore into a new data directory" >&2
  exit 1
fi
cp "$BACKUP" "$TARGET.restoring"
mv "$TARGET.restoring" "$TARGET"
echo "restore: $BACKUP -> $TARGET; start charter-$SERVICE with --data-dir $DATA_DIR"
