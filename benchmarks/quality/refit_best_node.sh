#!/usr/bin/env bash
# Experiment (issue 12): re-runs each run's best node program on the task's full public training data (no folds.csv:
# the program makes its own folds over all labelled rows, check rows included) and grades it on the private answers,
# to measure what a final refit would give against the fold models' submission.
# Usage: AGENTML_DLL=<artifacts>/bin/AgentML.Cli/release/agentml.dll RUNS=<run.sh output folder> refit_best_node.sh
# Prints: task, seed, node, private score of the refit, seconds.
set -u
out="${OUT:-/tmp/agentml-refit}"
dll=${AGENTML_DLL:?the CLI dll (agentml.dll)}
for task in titanic-full small-300 noisy-holdout letter-recognition spam-emails wide-400 large-100k; do
  td=$(dirname "$0")/../../../shared/tasks/$task; [ -d $td ] || td=${RUNS:?the quality output folder of run.sh}/shape-tasks/$task
  for seed in 0 1 2; do
    run=$(find ${RUNS:?the quality output folder of run.sh}/$task/seed$seed/runs -mindepth 1 -maxdepth 1 -type d | head -1)
    best=$(python3 -c "import json;print(json.load(open('$run/tree.json'))['run']['best_node_id'])")
    w=$out/$task-$seed; rm -rf $w; mkdir -p $w/input $w/working $w/submission
    for f in $td/public/*; do ln -s $f $w/input/; done
    cp $run/nodes/$best/solution.py $w/
    start=$(date +%s)
    (cd $w && AGENTML_TIME_LIMIT_S=60 AGENTML_THREADS=1 AGENTML_SEED=$seed timeout 300 /usr/bin/python3 solution.py > out.log 2>&1)
    s=$(dotnet $dll grade $td $w/submission/submission.csv 2>/dev/null | python3 -c "import json,sys;r=json.load(sys.stdin);print(r['score'])" 2>/dev/null)
    echo -e "$task\t$seed\t$best\t$s\t$(( $(date +%s)-start ))"
  done
done
