"""Prints the quality benchmark table from results.tsv (task, metric, system, score, seconds)."""
import sys

LOWER = {"log_loss", "rmse", "rmsle", "mae"}
ISSUE_BASELINES = {"titanic-full": 0.8207, "ames-house-prices": 0.1280, "spam-emails": 0.99936,
                   "letter-recognition": 0.9630, "credit-scoring": 0.8450, "diamond-prices": 550.6,
                   "penguin-species": 0.0229}


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


rows = {}
for line in open(sys.argv[1]):
    task, metric, system, score, seconds = line.rstrip("\n").split("\t")
    rows.setdefault((task, metric), {})[system] = (score, seconds)

systems = ["hgb", "rf", "linear", "xgb"]
header = ["task", "metric", *systems, "best baseline", "issue bar", "agentml", "wins"]
table = [header]
wins = 0
for (task, metric), found in rows.items():
    lower = metric in LOWER
    scores = [number(found.get(s, ("", ""))[0]) for s in systems]
    valid = [s for s in scores if s is not None]
    best = (min(valid) if lower else max(valid)) if valid else None
    bar = ISSUE_BASELINES.get(task)
    target = bar if best is None else best if bar is None else (min(best, bar) if lower else max(best, bar))
    ours = number(found.get("agentml", ("", ""))[0])
    win = ours is not None and target is not None and (ours < target if lower else ours > target)
    wins += win
    fmt = lambda v: "-" if v is None else f"{v:.5g}"
    table.append([task, metric, *[fmt(s) for s in scores], fmt(best), fmt(bar), found.get("agentml", ("-",))[0],
                  "yes" if win else "NO" if "agentml" in found else "-"])
widths = [max(len(str(r[i])) for r in table) for i in range(len(header))]
for r in table:
    print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)))
print(f"AgentML beats the best baseline (and the issue's bar) on {wins} of {len(rows)} tasks")
