#!/usr/bin/env bash
# Runs `agentml forge` on every case folder that make_inputs.py wrote and prints one TSV line per case:
# case, exit code, seconds, peak RSS (MB), accepted, rejected, the last line forge printed (error or summary).
# Usage: benchmarks/forge-robustness/run.sh INPUTS OUT [--tasks N]   (AGENTML_ARTIFACTS picks the build)
set -u
inputs=${1:?inputs folder}; out=${2:?output folder}; shift 2
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dll="${AGENTML_ARTIFACTS:-$root/artifacts}/bin/AgentML.Cli/release/agentml.dll"
mkdir -p "$out"
printf 'case\texit\tseconds\tpeak_mb\taccepted\trejected\tlast_line\n'
for dir in "$inputs"/*/; do
  name=$(basename "$dir")
  [ -n "${CASES:-}" ] && ! [[ " $CASES " == *" $name "* ]] && continue
  target="$dir"
  files=("$dir"*)
  # a folder holding exactly one file is forged as that file (the single-file path); others as a folder
  if [ "${#files[@]}" -eq 1 ] && [ -f "${files[0]}" ] && [[ "$name" != *-folder ]]; then target="${files[0]}"; fi
  rm -rf "$out/$name"
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$out/$name.time" timeout 1200 dotnet "$dll" forge "$target" --out "$out/$name" --tasks 1 "$@" \
    >"$out/$name.log" 2>&1
  rc=$?
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  peak=$(( $(tail -1 "$out/$name.time") / 1024 ))
  acc=0; rej=0
  if [ -f "$out/$name/forge-report.json" ]; then
    acc=$(ls -d "$out/$name"/*/ 2>/dev/null | grep -vc '/_rejected/$' || true)
    rej=$(ls -d "$out/$name/_rejected"/*/ 2>/dev/null | wc -l)
  fi
  last=$(grep -v '^\s*$' "$out/$name.log" | grep -v '^[│┌└├─ ]' | tail -1 | tr '\t' ' ' | cut -c1-220)
  printf '%s\t%s\t%.0f\t%s\t%s\t%s\t%s\n' "$name" "$rc" "$secs" "$peak" "$acc" "$rej" "$last"
done
