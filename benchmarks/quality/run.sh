#!/usr/bin/env bash
# Quality benchmark of the builtin expert (issue 5).
#
# For every task folder in ../shared/tasks (or the tasks named on the command line) it runs
#   ./agentml solve <task> --time 5m        (AgentML with the builtin agents)
# and the four baselines a user would pick instead (prompts/builtin/baselines: HistGradientBoosting defaults,
# RandomForest 300 trees, one-hot + logistic/ridge with TF-IDF text, XGBoost defaults), grades every submission
# on the task's private answers with AgentML's C# grader (`agentml grade`) and prints a table.
#
# Usage: benchmarks/quality/run.sh [--time 5m] [--skip-solve] [--skip-baselines] [task ...]
# Env:   AGENTML_QUALITY_OUT (default /tmp/agentml-quality-<timestamp>), AGENTML_THREADS (default 1).
# One Python job runs at a time; the machine has 2 cores shared with everything else.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tasks_dir="$(cd "$root/../shared/tasks" && pwd)"
time_budget="5m"
skip_solve=0
skip_baselines=0
tasks=()
while [ $# -gt 0 ]; do
  case "$1" in
    --time) time_budget="$2"; shift 2 ;;
    --skip-solve) skip_solve=1; shift ;;
    --skip-baselines) skip_baselines=1; shift ;;  # compare with the issue's measured baselines only
    *) tasks+=("$1"); shift ;;
  esac
done
if [ ${#tasks[@]} -eq 0 ]; then
  mapfile -t tasks < <(ls "$tasks_dir")
fi
out="${AGENTML_QUALITY_OUT:-/tmp/agentml-quality-$(date +%s)}"
mkdir -p "$out"
export AGENTML_THREADS="${AGENTML_THREADS:-1}"
export AGENTML_PROMPTS="${AGENTML_PROMPTS:-$root/prompts}"
python=/usr/bin/python3

# A fresh Release build of the CLI in its own artifacts folder, and the baseline renderer (a small tool beside
# this script that uses the same TaskLoader and templates as the product).
export AGENTML_ARTIFACTS="${AGENTML_ARTIFACTS:-$out/build}"
dotnet build "$root/src/AgentML.Cli" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
dotnet build "$here/RenderDrafts" -nologo -v quiet -clp:ErrorsOnly >&2
render="$AGENTML_ARTIFACTS/bin/RenderDrafts/debug/RenderDrafts"
agentml() { dotnet "$AGENTML_ARTIFACTS/bin/AgentML.Cli/release/agentml.dll" "$@"; }

grade() { # task-folder submission -> score or "invalid"
  local json
  json="$(agentml grade "$1" "$2" 2>/dev/null || true)"
  $python -c 'import json,sys
try:
    r = json.loads(sys.stdin.read()); print(r["score"] if r.get("valid_submission") and r["score"] is not None else "invalid")
except Exception:
    print("invalid")' <<<"$json"
}

results="$out/results.tsv"
: >"$results"
for task in "${tasks[@]}"; do
  task_dir="$tasks_dir/$task"
  metric="$(sed -n 's/^metric: *//p' "$task_dir/competition.yaml")"
  "$render" baselines "$task_dir" "$out/$task/baselines"
  for baseline in hgb rf linear xgb; do
    [ "$skip_baselines" -eq 1 ] && break
    work="$out/$task/baselines/$baseline"
    mkdir -p "$work/input" "$work/working" "$work/submission"
    for f in train.csv test.csv sample_submission.csv; do ln -sf "$task_dir/public/$f" "$work/input/$f"; done
    start=$(date +%s)
    if (cd "$work" && timeout 1800 $python solution.py >"$work/output.log" 2>&1); then
      score="$(grade "$task_dir" "$work/submission/submission.csv")"
    else
      score="failed"
    fi
    printf '%s\t%s\t%s\t%s\t%s\n' "$task" "$metric" "$baseline" "$score" "$(( $(date +%s) - start ))" >>"$results"
    echo "$task $baseline: $score" >&2
  done
  if [ "$skip_solve" -eq 0 ]; then
    runs="$out/$task/runs"
    start=$(date +%s)
    (cd "$root" && agentml solve "$task_dir" --time "$time_budget" --out "$runs" --db "$out/$task/agentml.db") >"$out/$task/solve.log" 2>&1 || true
    submission="$(find "$runs" -name submission.csv -newer "$out/$task/baselines/xgb/solution.py" 2>/dev/null | head -1)"
    score="$([ -n "$submission" ] && grade "$task_dir" "$submission" || echo failed)"
    printf '%s\t%s\t%s\t%s\t%s\n' "$task" "$metric" "agentml" "$score" "$(( $(date +%s) - start ))" >>"$results"
    echo "$task agentml: $score" >&2
  fi
done
$python "$here/table.py" "$results"
echo "(outputs in $out)"
