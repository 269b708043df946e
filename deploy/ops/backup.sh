#!/usr/bin/env bash
# Online backup of one service's SQLite store, while the service runs and writes:
# `VACUUM INTO` copies one consistent snapshot (a read transaction: writers carry on) into a
# new file, compacted and without a write-ahead log; then the copy is checked.
#
#   deploy/ops/backup.sh SERVICE_DATA_DIR SERVICE_NAME BACKUP_FILE
#   e.g. deploy/ops/backup.sh /var/lib/charter registry /backups/registry-2026-12-05.sqlite
#
# Everything committed before the snapshot began is in the backup; nothing after it is.
set -euo pipefail
[[ $# -eq 3 ]] || { sed -n '2,9p' "$0" >&2; exit 2; }
DATA_DIR=$1 SERVICE=$2 OUT=$3
DB="$DATA_DIR/$SERVICE.sqlite"
[[ -f "$DB" ]] || { echo "backup: no database at $DB" >&2; exit 1; }
[[ ! -e "$OUT" ]] || { echo "backup: $OUT exists; choose a new file" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "backup: needs the sqlite3 command (Debian: sqlite3)" >&2; exit 1; }
# A busy timeout rides out the moment a checkpoint holds the file.
sqlite3 -cmd ".timeout 10000" "$DB" "VACUUM INTO '${OUT//\'/\'\'}'"
result=$(sqlite3 "$OUT" "PRAGMA integrity_check")
[[ "$result" == "ok" ]] || { echo "backup: the copy failed its integrity check: $result" >&2; exit 1; }
echo "backup: $DB -> $OUT ($(stat -c %s "$OUT") bytes, integrity ok)"
