#!/usr/bin/env bash
# Runs every test on a fresh Debian machine: installs what the tests need (Python ML stack, Docker engine,
# sandbox image), builds, runs the whole suite and prints the totals as the last line:
#   N passed, N failed[, N skipped]
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/setup.sh --docker || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
dotnet test AgentML.sln -c Release --no-build --logger "trx" --results-directory "$results" \
  -- RunConfiguration.TestSessionTimeout=4800000 2>&1 | tee "$results/test-output.log" | grep -vE '^\s*$'
status=${PIPESTATUS[0]}

summary=$(python3 "$root/scripts/trx_totals.py" "$results")
echo "$summary"
case "$summary" in
  *" 0 failed"*) [ "$status" -eq 0 ] && exit 0 ;;
esac
exit 1
