"""Analyses one finished `agentml solve` run after the fact, against the task's private answers.

Usage: /usr/bin/python3 analyse_run.py <task-folder> <run-folder> <seed> <seconds>
Env:   AGENTML_DLL  the CLI (agentml.dll) whose `grade` command grades every CSV (the product's own grader).

Prints one TSV row (the columns of RUN_COLUMNS) to stdout. Nothing here runs during the search: the node scores in
tree.json are the run's own (out-of-fold) scores, and the private answers are only read here, by `agentml grade`.

What it reads (all optional except tree.json; a missing piece gives "-"):
- runs/<id>/tree.json: run.best_node_id, nodes[] with id, status, operator, score, recipe, and (when present)
  run.ensemble {members: [{node_id, weight}], score, best_node_id, best_node_score, wins} and a node's "origin"
  (e.g. portfolio / new recipe / refinement).
- runs/<id>/submission.csv (the run's submission), runs/<id>/ensemble-submission.csv (the ensemble's test
  predictions), runs/<id>/nodes/<node>/submission-test.csv and solution.py.
"""
import collections
import hashlib
import json
import math
import os
import subprocess
import sys

from scipy.stats import spearmanr

RUN_COLUMNS = ["task", "metric", "seed", "rows", "lower_is_better", "final", "best_node", "best_node_private",
               "oracle_node_private", "ensemble_private", "ensemble_won", "ensemble_members", "nodes", "ok_nodes", "buggy_nodes",
               "spearman", "spearman_pairs", "duplicate_code", "duplicate_recipe", "operators", "origins", "seconds",
               "same_predictions"]
STATUSES = ["pending", "running", "ok", "buggy", "pruned"]
OPERATORS = ["draft", "improve", "debug", "merge"]
LOWER = {"log_loss", "rmse", "rmsle", "mae"}


def term(value, names):
    """An enum from tree.json, written as a number or as text, as kebab-case text."""
    if isinstance(value, int) and 0 <= value < len(names):
        return names[value]
    return str(value).lower() if value is not None else "?"


GRADED = {}


def grade(task_dir, csv_path):
    """(score, lower_is_better) from `agentml grade`, or (None, None) for a missing or invalid submission. Files
    with the same content are graded once."""
    if not csv_path or not os.path.isfile(csv_path):
        return None, None
    key = digest(csv_path)
    if key not in GRADED:
        GRADED[key] = grade_file(task_dir, csv_path)
    return GRADED[key]


def grade_file(task_dir, csv_path):
    dll = os.environ["AGENTML_DLL"]
    done = subprocess.run(["dotnet", dll, "grade", task_dir, csv_path], capture_output=True, text=True)
    try:
        report = json.loads(done.stdout)
    except ValueError:
        return None, None
    if not report.get("valid_submission") or report.get("score") is None:
        return None, None
    return float(report["score"]), report.get("is_lower_better")


def fmt(value, digits=6):
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return "-" if math.isnan(value) else f"{value:.{digits}g}"
    return str(value)


def digest(path):
    if not os.path.isfile(path):
        return None
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def duplicates(values):
    """How many items repeat an earlier one (0 when all differ)."""
    present = [v for v in values if v]
    return len(present) - len(set(present))


def counts(values):
    found = collections.Counter(v for v in values if v)
    return ",".join(f"{k}={n}" for k, n in sorted(found.items())) or "-"


def train_rows(task_dir):
    """Rows of public/train.csv (CSV records, so quoted line breaks in text count once)."""
    import csv
    path = os.path.join(task_dir, "public", "train.csv")
    if not os.path.isfile(path):
        return None
    csv.field_size_limit(1 << 30)
    with open(path, newline="", encoding="utf-8-sig", errors="replace") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def canonical_recipe(text):
    """The recipe without its free-text title, so the same settings under another name still count as a repeat."""
    if not text:
        return None
    try:
        recipe = json.loads(text)
    except ValueError:
        return text.strip()
    if isinstance(recipe, dict):
        recipe = {k: v for k, v in recipe.items() if k not in ("title",)}
    return json.dumps(recipe, sort_keys=True)


def main():
    task_dir, run_dir, seed, seconds = sys.argv[1:5]
    with open(os.path.join(task_dir, "competition.yaml")) as handle:
        metric = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("metric:")), "?")
    row = dict.fromkeys(RUN_COLUMNS, None)
    row.update(task=os.path.basename(os.path.normpath(task_dir)), metric=metric, seed=seed, seconds=seconds,
               rows=train_rows(task_dir))
    lower = metric in LOWER
    tree_path = os.path.join(run_dir, "tree.json") if run_dir else ""
    final, final_lower = grade(task_dir, os.path.join(run_dir, "submission.csv")) if run_dir else (None, None)
    row["final"] = final
    if final_lower is not None:
        lower = bool(final_lower)
    if not os.path.isfile(tree_path):
        row["lower_is_better"] = lower
        print("\t".join(fmt(row[c]) for c in RUN_COLUMNS))
        return
    with open(tree_path) as handle:
        tree = json.load(handle)
    run, nodes = tree.get("run", {}), tree.get("nodes", [])
    if "higher_is_better" in run:
        lower = not run["higher_is_better"]
    row["lower_is_better"] = lower

    # Every ok node's test predictions, graded on the private answers.
    private = {}
    ok = [n for n in nodes if term(n.get("status"), STATUSES) == "ok"]
    for node in ok:
        score, _ = grade(task_dir, os.path.join(run_dir, "nodes", node["id"], "submission-test.csv"))
        if score is not None:
            private[node["id"]] = score
    pairs = [(n["score"], private[n["id"]]) for n in ok if n.get("score") is not None and n["id"] in private]
    if len(pairs) >= 3 and len({p[0] for p in pairs}) > 1 and len({p[1] for p in pairs}) > 1:
        row["spearman"] = float(spearmanr([p[0] for p in pairs], [p[1] for p in pairs]).correlation)
    row["spearman_pairs"] = len(pairs)

    best = run.get("best_node_id")
    if best is None and ok:  # the best single node by the run's own score
        scored = [n for n in ok if n.get("score") is not None]
        if scored:
            best = (min if lower else max)(scored, key=lambda n: n["score"])["id"]
    row["best_node"] = best
    row["best_node_private"] = private.get(best)
    if private:
        row["oracle_node_private"] = (min if lower else max)(private.values())

    # The ensemble: tree.json's run.ensemble when the run writes it, else its test predictions on disk.
    # The run writes ensemble-submission.csv when the ensemble wins and may leave it behind when a later node beats
    # it, so its private score is only reported when it won (= the submission).
    ensemble = run.get("ensemble") or {}
    ensemble_csv = os.path.join(run_dir, "ensemble-submission.csv")
    if "wins" in ensemble:
        row["ensemble_won"] = bool(ensemble["wins"])
    elif os.path.isfile(ensemble_csv):  # the ensemble won when its predictions are the submission
        row["ensemble_won"] = digest(ensemble_csv) == digest(os.path.join(run_dir, "submission.csv"))
    if row["ensemble_won"]:
        row["ensemble_private"], _ = grade(task_dir, ensemble_csv)
    if ensemble.get("members") is not None:
        row["ensemble_members"] = len({m.get("node_id") for m in ensemble["members"]})

    row["nodes"] = len(nodes)
    row["ok_nodes"] = len(ok)
    row["buggy_nodes"] = sum(term(n.get("status"), STATUSES) == "buggy" for n in nodes)
    row["duplicate_code"] = duplicates([digest(os.path.join(run_dir, "nodes", n["id"], "solution.py")) for n in nodes])
    row["duplicate_recipe"] = duplicates([canonical_recipe(n.get("recipe")) for n in ok])  # a debug fix keeps its recipe
    row["same_predictions"] = sum(n.get("same_as") is not None for n in ok)  # working nodes that changed nothing
    row["operators"] = counts(term(n.get("operator"), OPERATORS) for n in nodes)
    row["origins"] = counts(n.get("origin") for n in nodes)
    print("\t".join(fmt(row[c]) for c in RUN_COLUMNS))


if __name__ == "__main__":
    main()
