"""How much of a quality gap the test rows can tell apart: a paired bootstrap over the private answers.

Usage: /usr/bin/python3 paired.py <results-folder> [--baselines <folder>] [--tasks-dir <dir>]... [--draws 1000]

<results-folder> is what run.sh writes (<task>/seed<k>/runs/<run>/submission.csv); the baselines' submissions are read
from <folder>/<task>/baselines/<name>/submission/submission.csv (default: the results folder itself; run.sh without
--skip-baselines writes them) and the best baseline of a task is the one with the best score on the private answers.
The test rows are resampled with replacement; on every draw the seeds' mean score and the best baseline's score are
computed on the same rows. Prints per task: the seeds' mean, the baseline's score, the gap (positive: agentml better),
its standard deviation over the draws (the test set's own noise, which seeds cannot show: every seed is graded on the
same rows) and the share of draws in which agentml is better.
"""
import argparse
import glob
import os

import numpy as np

from score import LOWER_IS_BETTER, prepare, value


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("results")
    parser.add_argument("--baselines")
    parser.add_argument("--tasks-dir", action="append", default=[])
    parser.add_argument("--draws", type=int, default=1000)
    args = parser.parse_args()
    baselines_root = args.baselines or args.results
    print("\t".join(["task", "metric", "seeds", "agentml", "baseline", "baseline_score", "gap", "gap_sd", "share_better"]))
    for task in sorted(os.listdir(args.results)):
        task_dir = next((os.path.join(d, task) for d in args.tasks_dir if os.path.isfile(os.path.join(d, task, "competition.yaml"))), None)
        runs = sorted(glob.glob(os.path.join(args.results, task, "seed*", "runs", "*", "submission.csv")))
        bases = sorted(glob.glob(os.path.join(baselines_root, task, "baselines", "*", "submission", "submission.csv")))
        if task_dir is None or not runs or not bases:
            continue
        metric = prepare(task_dir, runs[0])[0]
        sign = -1.0 if metric in LOWER_IS_BETTER else 1.0
        ours = [prepare(task_dir, r) for r in runs]
        theirs = {b.split(os.sep)[-3]: prepare(task_dir, b) for b in bases}
        best = max(theirs, key=lambda name: sign * value(*theirs[name]))
        _, truth, base_pred = theirs[best]
        rng = np.random.default_rng(0)
        gaps = []
        for _ in range(args.draws):
            rows = rng.integers(0, len(truth), len(truth))
            if metric == "roc_auc" and len(set(truth[rows])) < 2:
                continue
            mean = np.mean([value(metric, t[rows], p[rows]) for _, t, p in ours])
            gaps.append(sign * (mean - value(metric, truth[rows], base_pred[rows])))
        ours_mean = float(np.mean([value(*o) for o in ours]))
        base = value(*theirs[best])
        gaps = np.array(gaps)
        print("\t".join([task, metric, str(len(ours)), f"{ours_mean:.6g}", best, f"{base:.6g}", f"{sign * (ours_mean - base):.4g}",
                         f"{gaps.std():.4g}", f"{(gaps > 0).mean():.3f}"]), flush=True)


if __name__ == "__main__":
    main()
