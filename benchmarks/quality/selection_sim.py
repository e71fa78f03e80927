"""Replays ways of choosing the submission over finished `agentml solve` runs, after the fact.

Usage: /usr/bin/python3 selection_sim.py [--until SECONDS] <results-folder> [<results-folder> ...]
       --until keeps only the nodes that finished within SECONDS of the run's start (what a shorter run had)
Env:   AGENTML_DLL          the CLI (agentml.dll) whose `grade` command grades the private answers
       AGENTML_TASK_DIRS    colon-separated folders holding the task folders (default /tmp/tasks/all:../shared/tasks)

A results folder is what benchmarks/quality/run.sh writes: <task>/seed<k>/runs/<run>/. For every run this reads the
working nodes' out-of-fold predictions (nodes/<id>/oof.csv), the training answers the run scored them on
(dev/answers-train.csv) and their test predictions (nodes/<id>/submission-test.csv), then applies each strategy below
to the out-of-fold predictions only, blends the chosen nodes' test predictions the same way and grades the blend on
the task's private answers. Nothing here is used by `solve`; it measures choices before one is built into it.
"""
import collections
import csv
import json
import math
import os
import random
import subprocess
import sys
import tempfile

import numpy as np
from sklearn.metrics import roc_auc_score

from score import LOWER_IS_BETTER as LOWER


def read_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def aligned(path, ids):
    """Prediction columns (list of lists of strings) in the order of ids, or None when a row is missing."""
    if not os.path.isfile(path):
        return None
    header, rows = read_csv(path)
    index = {r[0]: r[1:] for r in rows}
    if any(i not in index for i in ids):
        return None
    return header, [index[i] for i in ids]


class Scorer:
    def __init__(self, metric, header, rows, positive=None):
        self.metric = metric
        self.lower = metric in LOWER
        self.header = header
        if metric in ("accuracy",):
            self.truth = [r[0] for r in rows]
        elif metric == "roc_auc":
            self.truth = np.array([1.0 if r[0] in ("1", "1.0", positive) else 0.0 for r in rows])
        elif metric == "log_loss" and len(header) == 2:  # two classes: one column, the positive class's probability
            self.truth = np.array([[1.0 if r[0] in ("1", "1.0", positive) else 0.0] for r in rows])
        elif metric == "log_loss":
            self.truth = np.array([[float(v) for v in r] for r in rows])
        else:
            self.truth = np.array([float(r[0]) for r in rows])

    def numbers(self, preds):
        return np.array([[float(v) for v in r] for r in preds])

    def score(self, p):
        m = self.metric
        if m == "accuracy":
            return float(np.mean([a == b for a, b in zip(p, self.truth)]))
        if m == "roc_auc":
            return float(roc_auc_score(self.truth, p[:, 0]))
        if m == "log_loss":
            q = np.clip(p, 1e-15, 1)
            if q.shape[1] == 1:
                q = np.clip(q[:, 0], 1e-15, 1 - 1e-15)
                t = self.truth[:, 0]
                return float(-np.mean(t * np.log(q) + (1 - t) * np.log(1 - q)))
            q = q / q.sum(axis=1, keepdims=True)
            return float(-np.mean(np.sum(self.truth * np.log(q), axis=1)))
        if m == "rmse":
            return float(np.sqrt(np.mean((p[:, 0] - self.truth) ** 2)))
        if m == "rmsle":
            return float(np.sqrt(np.mean((np.log1p(np.maximum(p[:, 0], 0)) - np.log1p(self.truth)) ** 2)))
        raise ValueError(m)

    def better(self, a, b):
        return a < b if self.lower else a > b


def blend(members, weights, vote):
    """Weighted mean of numeric predictions or weighted vote of labels (ties to the first label in sorted order)."""
    if not vote:
        total = sum(weights)
        return sum(w * m for m, w in zip(members, weights)) / total
    labels = sorted({v for m in members for v in m})
    code = {v: i for i, v in enumerate(labels)}
    counts = np.zeros((len(members[0]), len(labels)))
    rows = np.arange(len(members[0]))
    for m, w in zip(members, weights):
        counts[rows, [code[v] for v in m]] += w
    return [labels[i] for i in counts.argmax(axis=1)]


def within_noise(nodes, scorer, sigmas):
    """Indices of nodes whose out-of-fold score is within sigmas paired standard errors (over folds) of the best's."""
    best = nodes[0]["folds"]
    keep = [0]
    for i, n in enumerate(nodes[1:], 1):
        f = n["folds"]
        if len(f) != len(best) or len(f) < 2:
            continue
        d = np.array(f) - np.array(best)
        se = d.std(ddof=1) / math.sqrt(len(d))
        gap = abs(n["score"] - nodes[0]["score"])
        if gap <= sigmas * se + 1e-12:
            keep.append(i)
    return keep


def fold_scores(scorer, preds):
    folds = sorted(set(scorer.folds) - {-1})
    out = []
    for f in folds:
        rows = [i for i, k in enumerate(scorer.folds) if k == f]
        sub = preds[rows] if isinstance(preds, np.ndarray) else [preds[i] for i in rows]
        out.append(scorer.subset(rows).score(sub))
    return np.array(out)


def significantly_better(scorer, a, b, sigmas):
    fa, fb = fold_scores(scorer, a), fold_scores(scorer, b)
    if len(fa) < 2:
        return False
    d = (fb - fa) if scorer.lower else (fa - fb)
    se = d.std(ddof=1) / math.sqrt(len(d))
    gain = (scorer.score(b) - scorer.score(a)) if scorer.lower else (scorer.score(a) - scorer.score(b))
    return gain > sigmas * se


def caruana(oofs, scorer, vote, rounds=25, patience=6, rows=None, start=None):
    """Greedy selection with replacement over members given best first; returns counts per member."""
    def sub(x):
        if rows is None:
            return x
        return x[rows] if not vote else [x[i] for i in rows]
    local = [sub(o) for o in oofs]
    sc = scorer if rows is None else scorer.subset(rows)
    counts = [0] * len(local)
    best, best_score, best_round = None, None, 0
    for i in start or []:
        if i < len(counts):
            counts[i] += 1
    if start:
        chosen = [j for j in range(len(local)) if counts[j]]
        best, best_score = counts[:], sc.score(blend([local[j] for j in chosen], [counts[j] for j in chosen], vote))
    for rnd in range(1, rounds + 1):
        if rnd - best_round > patience:
            break
        pick = None
        order = sorted(range(len(local)), key=lambda i: counts[i] == 0)
        for i in order:
            trial = counts[:]
            trial[i] += 1
            chosen = [j for j in range(len(local)) if trial[j]]
            s = sc.score(blend([local[j] for j in chosen], [trial[j] for j in chosen], vote))
            if pick is None or sc.better(s, pick[1]):
                pick = (i, s)
        counts[pick[0]] += 1
        if best is None or sc.better(pick[1], best_score):
            best, best_score, best_round = counts[:], pick[1], rnd
    return best


def subset_scorer(self, rows):
    s = Scorer.__new__(Scorer)
    s.metric, s.lower, s.header = self.metric, self.lower, self.header
    s.truth = self.truth[rows] if isinstance(self.truth, np.ndarray) else [self.truth[i] for i in rows]
    s.folds = [self.folds[i] for i in rows] if getattr(self, "folds", None) else []
    return s


Scorer.subset = subset_scorer


def strategies(nodes, scorer, vote, seed):
    """name -> {index: weight} over nodes (given best first by out-of-fold score)."""
    oofs = [n["oof"] for n in nodes]
    out = {"best": {0: 1}}
    for k in (20,):
        c = caruana(oofs[:k], scorer, vote)
        out[f"caruana{k}"] = {i: w for i, w in enumerate(c) if w}
    for k in (3, 5, 10):
        out[f"top{k}"] = {i: 1 for i in range(min(k, len(nodes)))}
    # best node of each model family, up to 5 families
    fams = {}
    for i, n in enumerate(nodes):
        fams.setdefault(n["family"], i)
    out["families"] = {i: 1 for i in sorted(fams.values())[:5]}
    # greedy selection started from the best node of every family (pool: the top 20 and those family bests)
    pool = sorted(set(range(min(20, len(nodes)))) | set(fams.values()))
    c = caruana([oofs[i] for i in pool], scorer, vote, start=[pool.index(i) for i in fams.values()])
    out["init-families"] = {pool[j]: w for j, w in enumerate(c) if w}
    drafts = [i for i, n in enumerate(nodes) if n["operator"] == "draft"]
    out["drafts"] = {i: 1 for i in drafts}
    # greedy selection started from the drafts' uniform average (pool: the top 20 and the drafts); "guard" keeps the
    # climb only when it beats that average by more than two paired fold standard errors
    if drafts:
        pool = sorted(set(range(min(20, len(nodes)))) | set(drafts))
        c = caruana([oofs[i] for i in pool], scorer, vote, start=[pool.index(i) for i in drafts])
        out["init-drafts"] = {pool[j]: w for j, w in enumerate(c) if w}
        start = blend([oofs[i] for i in drafts], [1] * len(drafts), vote)
        climbed_idx = sorted(out["init-drafts"])
        climbed = blend([oofs[i] for i in climbed_idx], [out["init-drafts"][i] for i in climbed_idx], vote)
        out["guard-drafts"] = out["init-drafts"] if significantly_better(scorer, climbed, start, 2) else out["drafts"]
    for sigmas, cap in ((1, 10), (2, 10)):
        near = within_noise(nodes, scorer, sigmas)[:cap]
        out[f"se{sigmas}x{cap}"] = {i: 1 for i in near}
        c = caruana(oofs[:20], scorer, vote, start=near)
        out[f"init-se{sigmas}x{cap}"] = {i: w for i, w in enumerate(c) if w}
        # keep the climb only when it beats the start by more than the fold noise
        if len(near) >= 2:
            start = blend([oofs[i] for i in near], [1] * len(near), vote)
            climbed_idx = [i for i, w in enumerate(c) if w]
            climbed = blend([oofs[i] for i in climbed_idx], [c[i] for i in climbed_idx], vote)
            keep = significantly_better(scorer, climbed, start, sigmas)
            out[f"guard-se{sigmas}x{cap}"] = out[f"init-se{sigmas}x{cap}"] if keep else {i: 1 for i in near}
        else:
            out[f"guard-se{sigmas}x{cap}"] = out[f"init-se{sigmas}x{cap}"]
    # the built rule: the ensemble when it beats the best node out of fold or started from two or more tied nodes and
    # stays within the fold noise of the best; else the best node alone
    near = within_noise(nodes, scorer, 2)[:10]
    climbed = out["init-se2x10"]
    idx = sorted(climbed)
    mixed = blend([oofs[i] for i in idx], [climbed[i] for i in idx], vote)
    beats = scorer.better(scorer.score(mixed), nodes[0]["score"])
    tied = len(near) >= 2 and not significantly_better(scorer, oofs[0], mixed, 2)
    out["built"] = climbed if len(idx) >= 2 and (beats or tied) else {0: 1}
    # since the fifteenth session: on log loss the ensemble of two or more nodes is always submitted
    out["hedged"] = climbed if len(idx) >= 2 and (beats or tied or scorer.metric == "log_loss") else {0: 1}
    # no member above half the blend: the excess goes equally to the other members of the start (or of the blend)
    total = sum(climbed.values())
    capped = {i: w / total for i, w in climbed.items()}
    top = max(capped, key=capped.get)
    others = [i for i in near if i != top] or [i for i in capped if i != top]
    if capped[top] > 0.5 and others:
        excess = capped[top] - 0.5
        capped[top] = 0.5
        for i in others:
            capped[i] = capped.get(i, 0) + excess / len(others)
    out["cap50"] = capped
    # the greedy weights shrunk towards the equal average of the start (the nodes tied with the best)
    for share in (0.3, 0.5):
        total = sum(climbed.values())
        mix = {i: (1 - share) * w / total for i, w in climbed.items()}
        for i in near:
            mix[i] = mix.get(i, 0) + share / len(near)
        out[f"shrink{int(share * 100)}"] = mix
    rng = random.Random(seed)
    n = len(scorer.truth)
    for name, k in (("rowbag20", 20),):
        total = collections.Counter()
        for _ in range(20):
            rows = [rng.randrange(n) for _ in range(n)]
            c = caruana(oofs[:k], scorer, vote, rows=rows)
            for i, w in enumerate(c):
                total[i] += w / sum(c)
        out[name] = dict(total)
    return out


def grade(task_dir, path):
    done = subprocess.run(["dotnet", os.environ["AGENTML_DLL"], "grade", task_dir, path], capture_output=True, text=True)
    try:
        report = json.loads(done.stdout)
        return float(report["score"]) if report.get("valid_submission") else None
    except (ValueError, TypeError, KeyError):
        return None


def family(recipe):
    try:
        r = json.loads(recipe) if recipe else {}
        return "+".join(m.get("model", "?") for m in r.get("members", [])) or "?"
    except ValueError:
        return "?"


def run_one(task_dir, run_dir, seed, until=None):
    tree = json.load(open(os.path.join(run_dir, "tree.json")))
    metric = tree["run"]["metric"]
    spec = open(os.path.join(task_dir, "competition.yaml")).read()
    positive = None
    for line in spec.splitlines():
        if line.startswith("positive_label:"):
            positive = line.split(":", 1)[1].strip().strip('"')
    header, rows = read_csv(os.path.join(run_dir, "dev", "answers-train.csv"))
    ids = [r[0] for r in rows]
    scorer = Scorer(metric, header, [r[1:] for r in rows], positive)
    folds_path = os.path.join(run_dir, "dev", "full", "folds.csv")
    fold_of = {r[0]: int(r[1]) for r in read_csv(folds_path)[1]} if os.path.isfile(folds_path) else {}
    scorer.folds = [fold_of.get(i, -1) for i in ids]
    vote = metric == "accuracy"
    nodes = []
    for n in tree["nodes"]:
        if n.get("status") not in ("ok", 2) or n.get("leaky") or n.get("score") is None:
            continue
        if until is not None and (n.get("finished_at_run_seconds") or 0) > until:
            continue
        a = aligned(os.path.join(run_dir, "nodes", n["id"], "oof.csv"), ids)
        test = os.path.join(run_dir, "nodes", n["id"], "submission-test.csv")
        if a is None or not os.path.isfile(test):
            continue
        preds = [r for r in a[1]]
        oof = [r[0] for r in preds] if vote else scorer.numbers(preds)
        nodes.append({"id": n["id"], "score": n["score"], "oof": oof, "test": test, "family": family(n.get("recipe")),
                      "operator": n.get("operator"),
                      "folds": n.get("fold_scores") or []})
    # ranked as the run ranks: by out-of-fold score, then by node order; identical predictions kept once
    seen, unique = set(), []
    for n in nodes:
        key = hash(tuple(n["oof"]) if vote else n["oof"].round(12).tobytes())
        if key not in seen:
            seen.add(key)
            unique.append(n)
    unique.sort(key=lambda n: n["score"], reverse=not scorer.lower)
    if not unique:
        return None
    result = {}
    tests = {}
    for name, weights in strategies(unique, scorer, vote, seed).items():
        idx = sorted(weights)
        for i in idx:
            if i not in tests:
                tests[i] = read_csv(unique[i]["test"])
        head = tests[idx[0]][0]
        if vote:
            cols = blend([[r[1] for r in tests[i][1]] for i in idx], [weights[i] for i in idx], True)
            body = [[tests[idx[0]][1][r][0], v] for r, v in enumerate(cols)]
        else:
            mats = [np.array([[float(v) for v in r[1:]] for r in tests[i][1]]) for i in idx]
            mixed = blend(mats, [weights[i] for i in idx], False)
            body = [[tests[idx[0]][1][r][0]] + [repr(float(v)) for v in row] for r, row in enumerate(mixed)]
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="") as f:
            w = csv.writer(f)
            w.writerow(head)
            w.writerows(body)
        result[name] = grade(task_dir, f.name)
        os.unlink(f.name)
    return metric, len(unique), result


def main():
    task_dirs = os.environ.get("AGENTML_TASK_DIRS", "/tmp/tasks/all:" + os.path.join(os.path.dirname(__file__), "../../../shared/tasks")).split(":")
    names = None
    args = sys.argv[1:]
    until = None
    if args[:1] == ["--until"]:
        until, args = float(args[1]), args[2:]
    for folder in args:
        for task in sorted(os.listdir(folder)):
            tdir = next((os.path.join(d, task) for d in task_dirs if os.path.isdir(os.path.join(d, task))), None)
            if tdir is None or not os.path.isdir(os.path.join(folder, task)):
                continue
            for seed_dir in sorted(os.listdir(os.path.join(folder, task))):
                runs = os.path.join(folder, task, seed_dir, "runs")
                if not os.path.isdir(runs):
                    continue
                for run in os.listdir(runs):
                    out = run_one(tdir, os.path.join(runs, run), int(seed_dir[4:] or 0), until)
                    if out is None:
                        continue
                    metric, count, result = out
                    if names is None:
                        names = list(result)
                        print("\t".join(["folder", "task", "seed", "metric", "nodes"] + names), flush=True)
                    print("\t".join([os.path.basename(folder.rstrip("/")), task, seed_dir, metric, str(count)]
                                    + ["-" if result[k] is None else f"{result[k]:.6g}" for k in names]), flush=True)


if __name__ == "__main__":
    main()
