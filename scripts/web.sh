#!/usr/bin/env bash
# Runs the web application on http://localhost:5080 with the embedded SQLite database (data/jalon.db at the
# repository root), created and migrated at start.
#   ./jalon web                 the demo: an empty database is seeded with the demo region and marked as a demo
#   ./jalon web --production    never seeds, refuses a demo database (exit 2); first account: ./jalon comptes creer-admin
#   JALON_URLS=http://0.0.0.0:8080 ./jalon web          another address
#   Jalon__Database__Provider=postgres ConnectionStrings__Jalon='Host=…;Username=…;Database=jalon' ./jalon web
set -euo pipefail
demo=true
if [[ "${1:-}" == "--production" ]]; then
  demo=false
  shift
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
cd "$here/src/Jalon.Web"
[[ -d node_modules/@gouvfr/dsfr ]] || npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
if [[ "${Jalon__Database__Provider:-sqlite}" == "sqlite" && -z "${ConnectionStrings__Jalon:-}" ]]; then
  mkdir -p "$here/data"
  export ConnectionStrings__Jalon="Data Source=$here/data/jalon.db;Foreign Keys=True"
fi
out="$here/.build/web"
if [[ ! -f "$out/Jalon.Web.dll" ]] || [[ -n "$(find "$here/src" "$here/Directory.Build.props" "$here/Directory.Packages.props" -newer "$out/Jalon.Web.dll" -type f \( -name '*.cs' -o -name '*.cshtml' -o -name '*.csproj' -o -name '*.json' -o -name '*.css' -o -name '*.js' -o -name '*.props' \) -not -path '*/obj/*' -not -path '*/bin/*' -not -path '*/node_modules/*' -print -quit)" ]]; then
  echo "Compilation de Jalon…" >&2
  log=$(mktemp)
  if ! dotnet publish "$here/src/Jalon.Web/Jalon.Web.csproj" -c Release -o "$out" --nologo -v quiet >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"; exit 1
  fi
  rm -f "$log"
  touch "$out/Jalon.Web.dll"
fi
if [[ "$demo" == true ]]; then
  echo "Jalon (démonstration) : ${JALON_URLS:-http://localhost:5080} (une base vide reçoit la région de démonstration)" >&2
else
  echo "Jalon (production) : ${JALON_URLS:-http://localhost:5080}" >&2
fi
exec dotnet "$out/Jalon.Web.dll" --urls "${JALON_URLS:-http://localhost:5080}" --contentRoot "$here/src/Jalon.Web" --Jalon:Demo="$demo" "$@"
