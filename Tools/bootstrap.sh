#!/usr/bin/env bash
# Installs what building, testing and running Charter needs on a fresh Debian 12 machine that
# has the Swift toolchain: the C libraries and tools from Debian's packages, and the Python
# peers (grpcio, protobuf) from PyPI. Installs only what is missing; safe to run repeatedly.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian packages (and the command or file that shows each is present).
packages=(
  "libnghttp2-dev:/usr/include/nghttp2/nghttp2.h"
  "libprotobuf-c-dev:/usr/include/protobuf-c/protobuf-c.h"
  "protobuf-c-compiler:/usr/bin/protoc-c"
  "protobuf-compiler:/usr/bin/protoc"
  "libprotobuf-dev:/usr/include/google/protobuf/timestamp.proto"
  "libsqlite3-dev:/usr/include/sqlite3.h"
  "sqlite3:/usr/bin/sqlite3"
  "pkg-config:/usr/bin/pkg-config"
  "nghttp2-client:/usr/bin/h2load"
  "nghttp2-server:/usr/sbin/nghttpd"
  "libjs-leaflet:/usr/share/javascript/leaflet/leaflet.js"
  "libjs-leaflet.markercluster:/usr/share/javascript/leaflet/leaflet.markercluster.js"
  "kubernetes-client:/usr/bin/kubectl"
  "iproute2:/usr/sbin/tc"
  "ethtool:/usr/sbin/ethtool"
  "libcairo2-dev:/usr/include/cairo/cairo-pdf.h"
  "fonts-dejavu-core:/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"
  "poppler-utils:/usr/bin/pdftoppm"
  "chromium:/usr/bin/chromium"
  "chromium-driver:/usr/bin/chromedriver"
  "wrk:/usr/bin/wrk"
)
missing=()
for entry in "${packages[@]}"; do
  [[ -e "${entry#*:}" ]] || missing+=("${entry%%:*}")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "bootstrap: installing Debian packages: ${missing[*]}" >&2
  sudo_cmd=()
  [[ "$(id -u)" -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >&2
fi

# Python peers, pinned: an independent protobuf and a stock gRPC implementation.
if ! python3 - "$ROOT/Tools/python-requirements.txt" <<'PY' >/dev/null 2>&1
import sys
from importlib.metadata import version
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if not line:
        continue
    name, pinned = line.split("==")
    assert version(name) == pinned, (name, version(name), pinned)
PY
then
  echo "bootstrap: installing Python packages from Tools/python-requirements.txt" >&2
  python3 -m pip install -q --disable-pip-version-check -r "$ROOT/Tools/python-requirements.txt" >&2
fi
