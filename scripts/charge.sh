#!/usr/bin/env bash
# Load benchmark of the web pages (docs/benchmarks-web.md).
#   scripts/charge.sh [options of Jalon.LoadBench]   e.g. --dossiers 200 --portefeuilles 50 --tableaux 20 --sql
# Fills .build/charge/jalon.db with the national generated package (generated into .build/bench/national if
# absent), creates the bench accounts, then measures the server-side time of the main pages in-process.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
paquet=".build/bench/national"
for ((i = 1; i <= $#; i++)); do
  if [[ "${!i}" == "--paquet" ]]; then j=$((i + 1)); paquet="${!j}"; fi
done
if [[ ! -f "$paquet/jeunes.csv" ]]; then
  echo "Génération du paquet national dans $paquet…"
  ./jalon generer --sortie "$paquet"
fi
out="$here/.build/loadbench"
echo "Compilation du banc de charge…"
log=$(mktemp)
if ! dotnet build bench/Jalon.LoadBench/Jalon.LoadBench.csproj -c Release -o "$out" --nologo -v quiet >"$log" 2>&1; then
  cat "$log" >&2; rm -f "$log"; exit 1
fi
rm -f "$log"
echo "Charge de la machine : $(uptime)"
exec dotnet "$out/Jalon.LoadBench.dll" "$@"
