"""Prints the shape sweep's results.tsv (task, shape, metric, score, dummy, seconds) as a table."""

import sys

LOWER_IS_BETTER = ("log_loss", "rmse", "rmsle", "mae")

rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
header = ["task", "shape", "metric", "valid", "score", "dummy", "beats dummy", "seconds"]
table = []
for task, shape, metric, score, dummy, seconds in rows:
    try:
        value = float(score)
        valid = "yes"
    except ValueError:
        value, valid = None, "NO"
    try:
        baseline = float(dummy)
    except ValueError:
        baseline = None
    beats = "?" if value is None or baseline is None else (
        "yes" if (value < baseline if metric in LOWER_IS_BETTER else value > baseline) else "NO")
    table.append([task, shape[:60], metric, valid, score if value is None else f"{value:.5g}",
                  dummy if baseline is None else f"{baseline:.5g}", beats, seconds])
widths = [max(len(str(r[i])) for r in table + [header]) for i in range(len(header))]
for r in [header, ["-" * w for w in widths]] + table:
    print(" | ".join(str(v).ljust(w) for v, w in zip(r, widths)))
failed = sum(1 for r in table if r[3] != "yes" or r[6] != "yes")
print(f"\n{len(table) - failed}/{len(table)} tasks valid and better than the dummy submission")
