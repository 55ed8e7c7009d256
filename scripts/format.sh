#!/usr/bin/env bash
# Checks (default) or applies (--appliquer) the code style of .editorconfig with `dotnet format`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ "${1:-}" == "--appliquer" ]]; then
  exec dotnet format Jalon.slnx
fi
if ! dotnet format Jalon.slnx --verify-no-changes; then
  echo "Style non conforme à .editorconfig : lancez scripts/format.sh --appliquer" >&2
  exit 1
fi
