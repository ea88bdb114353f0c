#!/usr/bin/env bash
# Builds FerretDB v1.24.2 (a MongoDB wire-protocol server on SQLite/PostgreSQL) into .cache/ferretdb/bin,
# for the embedded database used by `npm test` and `npm run demo` where no MongoDB is available.
#
# Why not `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2`: the Go module proxy refuses the
# version list that `go install` reads for its deprecation check (403), and the published module lacks
# build/version/version.txt, which FerretDB's own release build generates; without it the binary panics
# at start. So: fetch the module at the pinned version, copy it somewhere writable, add version.txt, build.
set -euo pipefail

FERRETDB_VERSION="v1.24.2"
project_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${FERRETDB_BIN:-$project_dir/.cache/ferretdb/bin/ferretdb}"

if [ -x "$target" ] && "$target" --version >/dev/null 2>&1; then
  echo "FerretDB already built at $target"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "Go is not installed: cannot build FerretDB. Install Go (https://go.dev/dl/) or set MONGODB_URI." >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
go mod init ferretdb-build >/dev/null 2>&1
go get "github.com/FerretDB/FerretDB/cmd/ferretdb@${FERRETDB_VERSION}"
module_dir="$(go list -m -f '{{.Dir}}' "github.com/FerretDB/FerretDB")"
cp -r "$module_dir" "$work/src"
chmod -R u+w "$work/src"
echo "$FERRETDB_VERSION" > "$work/src/build/version/version.txt"
cd "$work/src"
mkdir -p "$(dirname "$target")"
GOFLAGS=-mod=mod go build -trimpath -o "$target" ./cmd/ferretdb
"$target" --version
echo "FerretDB built at $target"
