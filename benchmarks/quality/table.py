"""Prints the quality benchmark's tables as Markdown (for README.md).

Usage: /usr/bin/python3 table.py results.tsv [more-results.tsv ...] [--runs runs.tsv] [--previous previous.tsv]

results.tsv: task, metric, system, score, seconds (no header): the four baselines (hgb, rf, linear, xgb) and one
  `agentml` row per seed. Several files may be given (e.g. baselines measured in an earlier run).
--runs: run.sh's runs.tsv (header line; one row per task and seed, written by analyse_run.py).
--previous: an earlier run to compare with ("previous main"): a runs.tsv (its `final` column) or a results.tsv
  (its `agentml` rows).

Error is 1 - score for metrics where higher is better (all of them are at most 1), else the score itself; the
relative error change against a reference is (error - reference error) / reference error (negative is better).
"""
import math
import statistics
import sys

LOWER = {"log_loss", "rmse", "rmsle", "mae"}
BASELINES = ["hgb", "rf", "linear", "xgb"]
# The best baselines measured in issue 5 (used only when a task has no measured baseline).
ISSUE_BASELINES = {"titanic-full": 0.8207, "ames-house-prices": 0.1280, "spam-emails": 0.99936,
                   "letter-recognition": 0.9630, "credit-scoring": 0.8450, "diamond-prices": 550.6,
                   "penguin-species": 0.0229}


def number(text):
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def error(value, metric):
    return None if value is None else value if metric in LOWER else 1.0 - value


def relative(value, reference, metric):
    ours, theirs = error(value, metric), error(reference, metric)
    if ours is None or theirs is None or theirs == 0:
        return None
    return (ours - theirs) / abs(theirs)


def mean(values):
    values = [v for v in values if v is not None]
    return statistics.fmean(values) if values else None


def sem(values):
    values = [v for v in values if v is not None]
    return statistics.stdev(values) / math.sqrt(len(values)) if len(values) >= 2 else None


def fmt(value, digits=5):
    return "-" if value is None else f"{value:.{digits}g}"


def fmt_mean(values):
    m, s = mean(values), sem(values)
    return "-" if m is None else fmt(m) if s is None else f"{fmt(m)} ± {fmt(s, 2)}"


def percent(value):
    return "-" if value is None else f"{100 * value:+.1f} %"


def read_results(paths):
    """{task: {"metric": m, system: [scores as text]}}"""
    found = {}
    for path in paths:
        for line in open(path):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 5 or parts[0] == "task":
                continue
            task, metric, system, score, _ = parts
            entry = found.setdefault(task, {"metric": metric})
            entry.setdefault(system, []).append(score)
    return found


def read_runs(path):
    if not path:
        return []
    with open(path) as handle:
        header = handle.readline().rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in handle if line.strip()]


def read_previous(path):
    """{task: [final scores]} from a runs.tsv or a results.tsv."""
    if not path:
        return {}
    with open(path) as handle:
        first = handle.readline()
    scores = {}
    if first.startswith("task\t"):
        for row in read_runs(path):
            scores.setdefault(row["task"], []).append(number(row.get("final")))
    else:
        for task, entry in read_results([path]).items():
            scores[task] = [number(s) for s in entry.get("agentml", [])]
    return scores


def markdown(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def main(argv):
    files, runs_path, previous_path = [], None, None
    arguments = iter(argv)
    for argument in arguments:
        if argument == "--runs":
            runs_path = next(arguments)
        elif argument == "--previous":
            previous_path = next(arguments)
        else:
            files.append(argument)
    results = read_results(files)
    runs = read_runs(runs_path)
    previous = read_previous(previous_path)
    by_task = {}
    for row in runs:
        by_task.setdefault(row["task"], []).append(row)
    tasks = list(dict.fromkeys([*results, *by_task]))

    header = ["task", "metric", "rows", "valid runs", "agentml (mean ± SEM)", "best baseline", "vs best baseline",
              "previous main", "vs previous", "best single node", "ensemble (won)", "ensemble vs node",
              "Spearman (pairs)"]
    table, changes, worse, regressed, low_spearman = [], [], [], [], []
    for task in tasks:
        entry = results.get(task, {})
        task_runs = by_task.get(task, [])
        metric = entry.get("metric") or (task_runs[0]["metric"] if task_runs else "?")
        lower = metric in LOWER
        finals = [number(r["final"]) for r in task_runs] if task_runs else [number(s) for s in entry.get("agentml", [])]
        baseline_scores = {b: number(entry[b][-1]) for b in BASELINES if entry.get(b)}
        valid = {b: v for b, v in baseline_scores.items() if v is not None}
        if valid:
            best_name = (min if lower else max)(valid, key=valid.get)
            best = valid[best_name]
        else:
            best_name, best = "issue 5", ISSUE_BASELINES.get(task)
        ours = mean(finals)
        change = relative(ours, best, metric)
        if change is not None:
            changes.append(change)
            if change > 0:
                worse.append(task)
        before = previous.get(task, [])
        versus_previous = relative(ours, mean(before), metric)
        if ours is not None and mean(before) is not None:
            margin = max(sem(finals) or 0.0, sem(before) or 0.0)
            if (ours - mean(before)) * (1 if lower else -1) > margin:
                regressed.append(task)
        nodes = [number(r.get("best_node_private")) for r in task_runs]
        ensembles = [number(r.get("ensemble_private")) for r in task_runs]
        won = sum(r.get("ensemble_won") == "yes" for r in task_runs)
        paired = [(e, n) for e, n in zip(ensembles, nodes) if e is not None and n is not None]
        ensemble_vs_node = mean([relative(e, n, metric) for e, n in paired])
        spearmans = [number(r.get("spearman")) for r in task_runs]
        pairs = [number(r.get("spearman_pairs")) or 0 for r in task_runs]
        rows = mean([number(r.get("rows")) for r in task_runs])
        spearman = mean(spearmans)
        if rows is not None and rows >= 1000 and spearman is not None and round(spearman, 3) < 0.8:
            low_spearman.append(task)
        table.append([
            task, metric, "-" if rows is None else f"{rows:,.0f}", f"{sum(f is not None for f in finals)}/{len(finals)}" if finals else "-",
            fmt_mean(finals), "-" if best is None else f"{fmt(best)} ({best_name})", percent(change),
            fmt_mean(before) if before else "-", percent(versus_previous), fmt_mean(nodes),
            f"{fmt_mean(ensembles)} ({won}/{len(task_runs)})" if task_runs else "-", percent(ensemble_vs_node),
            f"{fmt(spearman, 2)} ({sum(pairs) / max(len(pairs), 1):.0f})" if spearman is not None else "-",
        ])
    print(markdown(header, table))
    print()
    if changes:
        print(f"- Median relative error change against the best default baseline: {percent(statistics.median(changes))} "
              f"over {len(changes)} tasks; worse than the best baseline on {len(worse)}"
              + (f" ({', '.join(worse)})" if worse else "") + ".")
    if previous:
        print(f"- Worse than the previous main by more than the SEM on {len(regressed)}"
              + (f" ({', '.join(regressed)})" if regressed else "") + ".")
    print()
    print(markdown(["task", "metric", *BASELINES], [
        [task, results[task]["metric"], *[fmt(number((results[task].get(b) or ["-"])[-1])) for b in BASELINES]]
        for task in tasks if task in results and any(results[task].get(b) for b in BASELINES)]))
    if runs:
        print()
        print(f"- Spearman below 0.8 on tasks with at least 1,000 rows: {len(low_spearman)}"
              + (f" ({', '.join(low_spearman)})" if low_spearman else "") + ".")
        print()
        print(search_table(tasks, by_task))


def search_table(tasks, by_task):
    """Issue 13: what the search made, summed over seeds (means for counts per run)."""
    header = ["task", "nodes / run", "ok / run", "buggy / run", "same code", "same recipe", "operators (all seeds)",
              "origins (all seeds)", "ensemble members / run"]
    rows = []
    for task in tasks:
        task_runs = by_task.get(task, [])
        if not task_runs:
            continue
        totals = {}
        for column in ("operators", "origins"):
            summed = {}
            for r in task_runs:
                for part in (r.get(column) or "-").split(","):
                    if "=" in part:
                        key, count = part.split("=", 1)
                        summed[key] = summed.get(key, 0) + int(count)
            totals[column] = ", ".join(f"{k} {v}" for k, v in sorted(summed.items())) or "-"
        total = lambda column: sum(int(number(r.get(column)) or 0) for r in task_runs)
        rows.append([task, fmt(mean([number(r.get("nodes")) for r in task_runs]), 3),
                     fmt(mean([number(r.get("ok_nodes")) for r in task_runs]), 3),
                     fmt(mean([number(r.get("buggy_nodes")) for r in task_runs]), 3), total("duplicate_code"),
                     total("duplicate_recipe"), totals["operators"], totals["origins"],
                     fmt(mean([number(r.get("ensemble_members")) for r in task_runs]), 3)])
    return markdown(header, rows)


if __name__ == "__main__":
    main(sys.argv[1:])
