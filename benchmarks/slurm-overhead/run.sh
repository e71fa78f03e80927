#!/usr/bin/env bash
# Benchmark (not a test): what running on Slurm costs per job on the one-node cluster of scripts/setup.sh --slurm.
#  1. a bare Slurm job: `sbatch --wait --wrap true`, submit to end (scheduler, slurmd, prolog/epilog);
#  2. a bench run of a trivial external agent (copies the sample submission), --executor local vs slurm, one run at a
#     time: the difference per run is the executor's overhead per job (sbatch, worker start-up, polling, result files);
# Usage: benchmarks/slurm-overhead/run.sh [runs]   (default 8). Prints a markdown table.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs=${1:-8}
task=${TASK:-$root/../shared/tasks/penguin-species}
work=$(mktemp -d /tmp/agentml-slurm-overhead-XXXX)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# 1. bare job
: >"$work/bare"
for i in $(seq 1 "$runs"); do
  t0=$(now); sbatch --wait --quiet -o /dev/null -t 1 --wrap true; t1=$(now)
  echo "$t1 - $t0" | bc -l >>"$work/bare"
done
bare=$(median <"$work/bare")

# 2. bench runs, one at a time
bench() { # executor -> seconds per run
  local t0 t1
  t0=$(now)
  "$root/agentml" bench "$task" --agent-cmd 'cp "$SAMPLE_SUBMISSION" "$SUBMISSION_DIR/submission.csv"' --time 1m \
    --seeds "$runs" --parallel 1 --executor "$1" --shared-dir "$work/shared" --out "$work/shared/bench-$1" --db "$work/$1.db" >/dev/null
  t1=$(now)
  echo "($t1 - $t0) / $runs" | bc -l
}
local_run=$(bench local)
slurm_run=$(bench slurm)

printf '| measure (median or mean of %d) | seconds per job |\n|---|---|\n' "$runs"
printf '| bare Slurm job (`sbatch --wait --wrap true`) | %.2f |\n' "$bare"
printf '| bench run, trivial agent, --executor local | %.2f |\n' "$local_run"
printf '| bench run, trivial agent, --executor slurm | %.2f |\n' "$slurm_run"
printf '| **overhead of the Slurm executor per job** | **%.2f** |\n' "$(echo "$slurm_run - $local_run" | bc -l)"
