#!/usr/bin/env bash
# Shape sweep of the builtin expert: does `agentml solve` produce a valid, better-than-dummy submission on task
# shapes it was not developed on (ordinal kappa, multi-label, text beside other columns, datetimes,
# high-cardinality categoricals, many missing values, many classes, tiny and wide data, string ids, labels with
# spaces, negative regression targets, macro F1 / MAE / map@k, ...) and on tasks `agentml forge` writes?
#
# make_tasks.py (beside this script) derives the task folders from ../shared/datasets/raw and synthetic data;
# `agentml forge <raw> --tasks 3` adds forged ones (--forge N picks N of them, 0 to skip). For every task the
# script runs `agentml solve --time <t> --parallel 1`, grades the run's submission and the sample submission
# (the dummy score) with `agentml grade`, and prints: task, shape, valid?, score, dummy score.
#
# Usage: benchmarks/shapes/run.sh [--time 90s] [--forge 3] [--skip-build] [task ...]
# Env:   AGENTML_SHAPES_OUT (default /tmp/agentml-shapes-<timestamp>), AGENTML_THREADS (default 1),
#        AGENTML_ARTIFACTS (default $AGENTML_SHAPES_OUT/build), AGENTML_SHAPES_FORGED (a folder `agentml forge`
#        already wrote, to skip forging), AGENTML_PROMPTS (default: this repository's prompts/).
# One solve runs at a time: the machine has 2 cores shared with everything else.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
raw_dir="$(cd "$root/../shared/datasets/raw" && pwd)"
time_budget="90s"
forge_count=3
forged_preferred="concrete-age gss-cat-denom stackoverflow-country"
skip_build=0
tasks=()
while [ $# -gt 0 ]; do
  case "$1" in
    --time) time_budget="$2"; shift 2 ;;
    --forge) forge_count="$2"; shift 2 ;;
    --skip-build) skip_build=1; shift ;;
    *) tasks+=("$1"); shift ;;
  esac
done
out="${AGENTML_SHAPES_OUT:-/tmp/agentml-shapes-$(date +%s)}"
mkdir -p "$out"
export AGENTML_THREADS="${AGENTML_THREADS:-1}"
export AGENTML_PROMPTS="${AGENTML_PROMPTS:-$root/prompts}"
export AGENTML_ARTIFACTS="${AGENTML_ARTIFACTS:-$out/build}"
python=/usr/bin/python3
if [ "$skip_build" -eq 0 ]; then
  dotnet build "$root/src/AgentML.Cli" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
fi
agentml() { dotnet "$AGENTML_ARTIFACTS/bin/AgentML.Cli/release/agentml.dll" "$@"; }

# 1. Task folders: derived and synthetic shapes, then forged ones.
task_root="$out/tasks"
$python "$here/make_tasks.py" "$raw_dir" "$task_root" "${tasks[@]}" >/dev/null
if [ "$forge_count" -gt 0 ] && [ ${#tasks[@]} -eq 0 ]; then
  forged="${AGENTML_SHAPES_FORGED:-$out/forged}"
  if [ ! -f "$forged/forge-report.json" ]; then
    agentml forge "$raw_dir" --out "$forged" --tasks 3 >"$out/forge.log" 2>&1 || echo "forge failed (see $out/forge.log)" >&2
  fi
  # The preferred forged tasks (kappa, many classes, high cardinality) first, then others in name order.
  mapfile -t candidates < <( (for t in $forged_preferred; do echo "$forged/$t"; done; ls -d "$forged"/*/ | sed 's#/$##' | sort) | awk '!seen[$0]++')
  taken=0
  for dir in "${candidates[@]}"; do
    [ "$taken" -ge "$forge_count" ] && break
    [ -f "$dir/competition.yaml" ] || continue
    name="forged-$(basename "$dir")"
    rm -rf "${task_root:?}/$name" && cp -r "$dir" "$task_root/$name"
    echo "forged by agentml forge" >"$task_root/$name/shape.txt"
    taken=$((taken + 1))
  done
fi

grade() { # task-folder submission -> score or "invalid: reason"
  local json
  json="$(agentml grade "$1" "$2" 2>&1 || true)"
  $python -c 'import json,sys
text = sys.stdin.read()
try:
    r = json.loads(text)
    print(r["score"] if r.get("valid_submission") and r["score"] is not None else "invalid: " + str(r.get("error") or r.get("invalid_reason") or "?")[:80])
except Exception:
    print("invalid: " + " ".join(text.split())[:80])' <<<"$json"
}

# 2. Solve and grade every task, one at a time.
results="$out/results.tsv"
: >"$results"
for dir in $(ls -d "$task_root"/*/ | sort); do
  task="$(basename "$dir")"
  shape="$(cat "$dir/shape.txt" 2>/dev/null || echo "?")"
  metric="$(sed -n 's/^metric: *//p' "$dir/competition.yaml")"
  work="$out/runs/$task"
  rm -rf "$work" && mkdir -p "$work"
  start=$(date +%s)
  (cd "$root" && agentml solve "$dir" --time "$time_budget" --parallel 1 --out "$work/runs" --db "$work/agentml.db") >"$work/solve.log" 2>&1 || true
  submission="$(find "$work/runs" -maxdepth 2 -name submission.csv 2>/dev/null | head -1)"
  if [ -n "$submission" ]; then
    score="$(grade "$dir" "$submission")"
  else
    score="no submission: $(grep -v '^\s*$' "$work/solve.log" | tail -1 | cut -c1-80)"
  fi
  dummy="$(grade "$dir" "$dir/public/sample_submission.csv")"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$task" "$shape" "$metric" "$score" "$dummy" "$(( $(date +%s) - start ))" >>"$results"
  echo "$task: $score (dummy $dummy)" >&2
done
$python "$here/table.py" "$results"
echo "(outputs in $out)"
