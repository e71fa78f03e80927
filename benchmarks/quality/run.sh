#!/usr/bin/env bash
# Quality benchmark of `agentml solve` (issues 5, 12 and 13).
#
# For every task folder in ../shared/tasks (plus, with --shapes, the synthetic shapes the expert was not tuned on,
# written by benchmarks/shapes/make_tasks.py --group unseen; with --real, the tasks it makes from public data Debian
# ships, --group real, never used to develop the expert; with --real2, ten more such tasks, --group real2; plus any
# --tasks-dir folder) it runs
#   agentml solve <task> --time <t> --seed <s>      for s = S .. S+N-1 (--first-seed S, default 0; --seeds N), one solve at a time,
# and the four baselines a user would pick instead (prompts/builtin/baselines: HistGradientBoosting defaults,
# RandomForest 300 trees, one-hot + logistic/ridge with TF-IDF text, XGBoost defaults), once per task. Every
# submission is graded on the task's private answers with AgentML's C# grader (`agentml grade`). After each run
# (never during it) analyse_run.py grades every ok node's test predictions and the ensemble's, and computes the
# Spearman between the nodes' own (out-of-fold) scores and their private scores, and the repeats in the tree.
#
# Usage: benchmarks/quality/run.sh [--time 5m] [--seeds 1] [--first-seed 0] [--shapes] [--fresh-test N] [--real] [--real2] [--tasks-dir DIR]... [--previous FILE.tsv]
#                                  [--skip-solve] [--skip-baselines] [--skip-build] [task ...]
# Env:   AGENTML_QUALITY_OUT (default /tmp/agentml-quality-<timestamp>), AGENTML_THREADS (default 1),
#        AGENTML_ARTIFACTS (default $AGENTML_QUALITY_OUT/build; with --skip-build, a folder with a built CLI and
#        RenderDrafts), AGENTML_SOLVE_ARGS (extra arguments for every solve, e.g. "--parallel 1").
# Outputs: results.tsv (task, metric, system, score, seconds: baselines and one agentml row per seed),
#          runs.tsv (one row per task and seed, header line; columns in README.md), table.md (the README table).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
task_dirs=("$(cd "$root/../shared/tasks" && pwd)")
time_budget="5m"
seeds=1
first_seed=0
shapes=0
fresh_test=0
real=0
real2=0
previous=""
skip_solve=0
skip_baselines=0
skip_build=0
tasks=()
while [ $# -gt 0 ]; do
  case "$1" in
    --time) time_budget="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --first-seed) first_seed="$2"; shift 2 ;;  # seeds first_seed .. first_seed + seeds - 1
    --shapes) shapes=1; shift ;;
    --fresh-test) fresh_test="$2"; shift 2 ;;  # N more private test rows for the small synthetic shapes
    --real) real=1; shift ;;
    --real2) real2=1; shift ;;
    --tasks-dir) task_dirs+=("$(cd "$2" && pwd)"); shift 2 ;;
    --previous) previous="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    --skip-solve) skip_solve=1; shift ;;
    --skip-baselines) skip_baselines=1; shift ;;  # compare with the issue's measured baselines only
    --skip-build) skip_build=1; shift ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) tasks+=("$1"); shift ;;
  esac
done
[[ "$seeds" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --seeds needs a positive whole number, not '$seeds'" >&2; exit 2; }
[[ "$fresh_test" =~ ^[0-9]+$ ]] || { echo "run.sh: --fresh-test needs a whole number, not '$fresh_test'" >&2; exit 2; }
[[ "$first_seed" =~ ^[0-9]+$ ]] || { echo "run.sh: --first-seed needs a whole number, not '$first_seed'" >&2; exit 2; }
out="${AGENTML_QUALITY_OUT:-/tmp/agentml-quality-$(date +%s)}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
export AGENTML_THREADS="${AGENTML_THREADS:-1}"
export AGENTML_PROMPTS="${AGENTML_PROMPTS:-$root/prompts}"
python=/usr/bin/python3

# Figures are wall-clock bound. With the kernel's autogroup scheduling on, `nice` only orders processes within one
# session: a build or test run started from another terminal at nice 19 still takes its full share of the cores.
if [ "$(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null || echo 0)" = "1" ]; then
  echo "run.sh: note: sched_autogroup is on, so work niced in other sessions still competes with the solves;" \
       "'echo 0 > /proc/sys/kernel/sched_autogroup_enabled' (root) makes nice effective" >&2
fi

# The unseen shapes: synthetic task folders written into the output folder (seed 0 of the maker, fixed).
if [ "$shapes" -eq 1 ]; then
  $python "$root/benchmarks/shapes/make_tasks.py" "$root/../shared/datasets/raw" "$out/shape-tasks" --group unseen --fresh-test "$fresh_test" >/dev/null
  task_dirs+=("$out/shape-tasks")
fi

# The real tasks: R's data sets exported to CSV (the Debian packages are installed when missing), then split.
if [ "$real" -eq 1 ] || [ "$real2" -eq 1 ]; then
  need=()
  command -v Rscript >/dev/null || need+=(r-base-core)
  for p in cardata mlmrev lme4 mass modeldata mlbench aer kernlab dslabs; do
    dpkg -s "r-cran-$p" >/dev/null 2>&1 || need+=("r-cran-$p")
  done
  dpkg -s python3-statsmodels >/dev/null 2>&1 || need+=(python3-statsmodels)
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
  Rscript "$here/export_real.R" "$out/r-export" >/dev/null
  for group in real real2; do
    [ "${!group}" -eq 1 ] || continue
    $python "$root/benchmarks/shapes/make_tasks.py" "$root/../shared/datasets/raw" "$out/$group-tasks" --group "$group" --r-export "$out/r-export" >/dev/null
    task_dirs+=("$out/$group-tasks")
  done
fi

# Task folders: every folder of every task directory, or the named ones (looked up in each directory in turn).
folders=()
if [ ${#tasks[@]} -eq 0 ]; then
  for dir in "${task_dirs[@]}"; do
    for folder in "$dir"/*/; do [ -f "$folder/competition.yaml" ] && folders+=("${folder%/}"); done
  done
else
  for task in "${tasks[@]}"; do
    found=""
    for dir in "${task_dirs[@]}"; do [ -f "$dir/$task/competition.yaml" ] && { found="$dir/$task"; break; }; done
    [ -n "$found" ] || { echo "run.sh: no task folder '$task' in ${task_dirs[*]} (add --shapes or --tasks-dir?)" >&2; exit 2; }
    folders+=("$found")
  done
fi

# A fresh Release build of the CLI in its own artifacts folder, and the baseline renderer (a small tool beside
# this script that uses the same TaskLoader and templates as the product).
export AGENTML_ARTIFACTS="${AGENTML_ARTIFACTS:-$out/build}"
if [ "$skip_build" -eq 0 ]; then
  dotnet build "$root/src/AgentML.Cli" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
  dotnet build "$here/RenderDrafts" -nologo -v quiet -clp:ErrorsOnly >&2
fi
render="$AGENTML_ARTIFACTS/bin/RenderDrafts/debug/RenderDrafts"
export AGENTML_DLL="$AGENTML_ARTIFACTS/bin/AgentML.Cli/release/agentml.dll"
agentml() { dotnet "$AGENTML_DLL" "$@"; }

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
runs_tsv="$out/runs.tsv"
: >"$results"
$python -c 'import sys; sys.path.insert(0, sys.argv[1]); from analyse_run import RUN_COLUMNS; print("\t".join(RUN_COLUMNS))' "$here" >"$runs_tsv"
for task_dir in "${folders[@]}"; do
  task="$(basename "$task_dir")"
  metric="$(sed -n 's/^metric: *//p' "$task_dir/competition.yaml")"
  if [ "$skip_baselines" -eq 0 ]; then
    "$render" baselines "$task_dir" "$out/$task/baselines" >/dev/null
    for baseline in hgb rf linear xgb; do
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
  fi
  [ "$skip_solve" -eq 1 ] && continue
  for (( seed = first_seed; seed < first_seed + seeds; seed++ )); do
    work="$out/$task/seed$seed"
    rm -rf "$work" && mkdir -p "$work"
    start=$(date +%s)
    # shellcheck disable=SC2086  # AGENTML_SOLVE_ARGS is a list of words
    (cd "$root" && agentml solve "$task_dir" --time "$time_budget" --seed "$seed" --out "$work/runs" --db "$work/agentml.db" \
      ${AGENTML_SOLVE_ARGS:-}) >"$work/solve.log" 2>&1 || true
    seconds=$(( $(date +%s) - start ))
    run_dir="$(find "$work/runs" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | head -1)"
    score="$([ -n "$run_dir" ] && [ -f "$run_dir/submission.csv" ] && grade "$task_dir" "$run_dir/submission.csv" || echo failed)"
    printf '%s\t%s\t%s\t%s\t%s\n' "$task" "$metric" "agentml" "$score" "$seconds" >>"$results"
    $python "$here/analyse_run.py" "$task_dir" "${run_dir:-}" "$seed" "$seconds" >>"$runs_tsv" 2>"$work/analyse.log" \
      || echo "$task seed $seed: analysis failed (see $work/analyse.log)" >&2
    echo "$task seed $seed agentml: $score" >&2
  done
done
$python "$here/table.py" "$results" --runs "$runs_tsv" ${previous:+--previous "$previous"} | tee "$out/table.md"
echo "(outputs in $out)"
