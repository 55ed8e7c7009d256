#!/usr/bin/env bash
# Runs all of Jalon's tests (unit, storage on SQLite and PostgreSQL, web, end-to-end in Chromium).
# Installs what they need first. Extra arguments go to `dotnet test` (e.g. --filter …).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
scripts/prereqs.sh || exit 1
eval "$(scripts/postgres.sh start)"
log=$(mktemp)
dotnet test Jalon.slnx -c Release "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# The throw-away cluster is shared by every checkout of this machine: only CI stops it.
[[ "${CI:-}" == "true" ]] && scripts/postgres.sh stop
# One closing line summing every test assembly: "N passed, N failed".
python3 - "$log" <<'PY'
import re, sys
p = f = 0
for line in open(sys.argv[1], errors="replace"):
    m = re.search(r"Failed:\s+(\d+), Passed:\s+(\d+)", line)
    if m: f += int(m.group(1)); p += int(m.group(2))
print(f"{p} passed, {f} failed")
PY
exit $rc
