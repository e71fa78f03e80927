#!/usr/bin/python3
"""Writes the metric reference vectors that AgentML's C# metrics are tested against.

Run with Debian's scikit-learn (1.2.1):  /usr/bin/python3 scripts/metric_reference.py
Output: tests/AgentML.Core.Tests/Reference/metric_reference.json (committed; the tests need no Python).

Each case: metric name, input kind and data, and the expected value ("nan" when scikit-learn returns NaN,
"error" when it raises). Cases cover ties, constant predictions, probabilities of exactly 0 and 1, a single
class present, labels only in predictions, and large inputs.
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn import metrics as skm

warnings.filterwarnings("ignore")
rng = np.random.default_rng(20260101)
cases = []


def value(fn):
    try:
        v = float(fn())
    except ValueError as e:
        return "error", str(e).splitlines()[0]
    return ("nan", None) if math.isnan(v) else (v, None)


def add(name, metric, kind, fn, **data):
    expected, error = value(fn)
    case = {"name": name, "metric": metric, "kind": kind, "expected": expected}
    if error:
        case["sklearn_error"] = error
    case.update(data)
    cases.append(case)


def s(values):
    return [str(v) for v in values]


def floats(values):
    return [float(v) for v in np.asarray(values, dtype=float).ravel()]


# ---------------------------------------------------------------- label metrics
def label_cases(name, y, p, pos=None, numeric=False):
    y = np.asarray(y)
    p = np.asarray(p)
    data = dict(answers=s(y), predictions=s(p))
    add(f"{name}/accuracy", "accuracy", "labels", lambda: skm.accuracy_score(y, p), **data)
    add(f"{name}/balanced_accuracy", "balanced_accuracy", "labels", lambda: skm.balanced_accuracy_score(y, p), **data)
    add(f"{name}/f1_macro", "f1_macro", "labels", lambda: skm.f1_score(y, p, average="macro"), **data)
    add(f"{name}/f1_micro", "f1_micro", "labels", lambda: skm.f1_score(y, p, average="micro"), **data)
    if pos is not None:
        add(f"{name}/f1", "f1", "labels", lambda: skm.f1_score(y, p, pos_label=pos), positive_label=str(pos), **data)
    if numeric:
        add(f"{name}/qwk", "quadratic_weighted_kappa", "labels", lambda: skm.cohen_kappa_score(y, p, weights="quadratic"), **data)


yb = rng.integers(0, 2, 50)
label_cases("binary-int-random", yb, np.where(rng.random(50) < 0.7, yb, 1 - yb), pos=1, numeric=True)
yy = rng.choice(["no", "yes"], 40, p=[0.6, 0.4])
label_cases("binary-yes-no", yy, np.where(rng.random(40) < 0.8, yy, rng.choice(["no", "yes"], 40)), pos="yes")
label_cases("binary-constant-prediction", yb, np.zeros(50, dtype=int), pos=1, numeric=True)
label_cases("binary-no-positive-anywhere", np.zeros(20, dtype=int), np.zeros(20, dtype=int), pos=1)
label_cases("binary-perfect", yb, yb, pos=1, numeric=True)
label_cases("binary-all-wrong", yb, 1 - yb, pos=1, numeric=True)
label_cases("single-class-in-answers", np.array(["a"] * 15), rng.choice(["a", "b"], 15))
ym = rng.choice(["bird", "cat", "dog"], 60)
label_cases("multiclass-strings", ym, np.where(rng.random(60) < 0.6, ym, rng.choice(["bird", "cat", "dog"], 60)))
label_cases("multiclass-label-only-in-predictions", ym, np.where(rng.random(60) < 0.7, ym, "fox"))
letters = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
yl = rng.choice(letters, 300)
label_cases("letters-26", yl, np.where(rng.random(300) < 0.9, yl, rng.choice(letters, 300)))
yo = rng.integers(0, 5, 200)
label_cases("ordinal-0-4", yo, np.clip(yo + rng.integers(-1, 2, 200), 0, 4), numeric=True)
yo2 = rng.choice([1, 2, 4, 7, 10], 120)
label_cases("ordinal-gappy-numeric", yo2, rng.choice([1, 2, 4, 7, 10], 120), numeric=True)
label_cases("ordinal-constant-both", np.full(10, 3), np.full(10, 3), numeric=True)
label_cases("ordinal-constant-prediction", yo, np.full(200, 2), numeric=True)


# ---------------------------------------------------------------- binary scores
def score_cases(name, y, score, pos="1", auc=True):
    y = np.asarray(y)
    score = np.asarray(score, dtype=float)
    data = dict(answers=s(y), predictions=floats(score), positive_label=pos)
    is_pos = (y.astype(str) == pos).astype(int)
    if auc:
        add(f"{name}/roc_auc", "roc_auc", "scores", lambda: skm.roc_auc_score(is_pos, score), **data)
    add(f"{name}/log_loss", "log_loss", "scores", lambda: skm.log_loss(is_pos, score, labels=[0, 1]), **data)
    add(f"{name}/log_loss-eps1e-15", "log_loss", "scores", lambda: skm.log_loss(is_pos, score, labels=[0, 1], eps=1e-15),
        epsilon=1e-15, **data)


y = rng.integers(0, 2, 100)
score_cases("random", y, np.clip(0.3 * y + 0.7 * rng.random(100), 0, 1))
score_cases("ties", y, np.round(0.3 * y + 0.7 * rng.random(100), 1))
score_cases("constant-prediction", y, np.full(100, 0.5))
score_cases("exact-0-and-1", y, np.where(rng.random(100) < 0.8, y, 1 - y).astype(float))
score_cases("exact-0-and-1-mixed", y, np.where(rng.random(100) < 0.5, y.astype(float), rng.random(100)))
score_cases("single-class-present-binary", np.ones(30, dtype=int), rng.random(30))
yss = rng.choice(["ham", "spam"], 80)
score_cases("string-labels", yss, np.clip((yss == "spam") * 0.4 + 0.6 * rng.random(80), 0, 1), pos="spam")
ybig = rng.integers(0, 2, 2000)
score_cases("large", ybig, 1 / (1 + np.exp(-(ybig * 1.5 + rng.normal(size=2000)))))
score_cases("scores-outside-unit-interval", y, rng.normal(size=100), auc=True)


# ---------------------------------------------------------------- class probabilities
def proba_cases(name, classes, y, proba, auc=True):
    y = np.asarray(y)
    proba = np.asarray(proba, dtype=float)
    data = dict(classes=list(classes), answers=s(y), probabilities=[floats(r) for r in proba])
    add(f"{name}/log_loss", "log_loss", "class_probabilities", lambda: skm.log_loss(y, proba, labels=list(classes)), **data)
    add(f"{name}/log_loss-eps1e-15", "log_loss", "class_probabilities",
        lambda: skm.log_loss(y, proba, labels=list(classes), eps=1e-15), epsilon=1e-15, **data)
    if auc:
        add(f"{name}/roc_auc-ovr", "roc_auc", "class_probabilities",
            lambda: skm.roc_auc_score(y, proba, multi_class="ovr", labels=list(classes)), **data)
    add(f"{name}/accuracy-argmax", "accuracy", "class_probabilities",
        lambda: skm.accuracy_score(y, np.asarray(classes)[np.argmax(proba, axis=1)]), **data)


classes = ["Adelie", "Chinstrap", "Gentoo"]
yp = rng.choice(classes, 80)
pp = rng.dirichlet([1, 1, 1], 80)
proba_cases("dirichlet", classes, yp, pp)
proba_cases("unnormalised-rows", classes, yp, pp * rng.uniform(0.5, 2.0, (80, 1)), auc=False)
onehot = (np.asarray(classes)[None, :] == yp[:, None]).astype(float)
proba_cases("exact-0-and-1-correct", classes, yp, onehot)
wrong = np.roll(onehot, 1, axis=1)
proba_cases("exact-0-and-1-some-wrong", classes, yp, np.where(rng.random((80, 1)) < 0.9, onehot, wrong))
proba_cases("uniform", classes, yp, np.full((80, 3), 1 / 3))
four = ["a", "b", "c", "d"]
y4 = rng.choice(["a", "b", "c"], 50)
proba_cases("class-never-true", four, y4, rng.dirichlet([1, 1, 1, 1], 50), auc=False)
proba_cases("single-class-present-multiclass", classes, np.array(["Gentoo"] * 20), rng.dirichlet([1, 1, 1], 20), auc=False)


# ---------------------------------------------------------------- multi-label
def multilabel_cases(name, columns, Y, S):
    data = dict(columns=columns, answers=[floats(r) for r in Y], scores=[floats(r) for r in S])
    add(f"{name}/roc_auc", "roc_auc", "multilabel", lambda: skm.roc_auc_score(Y, S, average="macro"), **data)
    add(f"{name}/log_loss", "log_loss", "multilabel",
        lambda: np.mean([skm.log_loss(Y[:, j], S[:, j], labels=[0, 1]) for j in range(Y.shape[1])]), **data)


Y = rng.integers(0, 2, (60, 3))
multilabel_cases("three-labels", ["toxic", "insult", "threat"], Y, np.clip(Y * 0.3 + rng.random((60, 3)) * 0.7, 0, 1))
multilabel_cases("ties-and-extremes", ["a", "b"], Y[:, :2], np.round(np.where(rng.random((60, 2)) < 0.3, Y[:, :2], rng.random((60, 2))), 1))
Y1 = Y.copy()
Y1[:, 1] = 1
multilabel_cases("a-column-with-one-class", ["a", "b", "c"], Y1, rng.random((60, 3)))


# ---------------------------------------------------------------- regression
def value_cases(name, y, p, rmsle=True):
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    data = dict(answers=floats(y), predictions=floats(p))
    add(f"{name}/rmse", "rmse", "values", lambda: skm.mean_squared_error(y, p, squared=False), **data)
    add(f"{name}/mae", "mae", "values", lambda: skm.mean_absolute_error(y, p), **data)
    add(f"{name}/r2", "r2", "values", lambda: skm.r2_score(y, p), **data)
    if rmsle:
        add(f"{name}/rmsle", "rmsle", "values", lambda: skm.mean_squared_log_error(y, p, squared=False), **data)


yr = rng.normal(10, 3, 100)
value_cases("normal", yr, yr + rng.normal(0, 1, 100), rmsle=True)
yh = rng.lognormal(12, 0.4, 700)
value_cases("house-prices", yh, yh * rng.lognormal(0, 0.12, 700))
value_cases("constant-prediction", yh, np.full(700, 160000.0))
value_cases("perfect", yh, yh)
value_cases("constant-answers-perfect", np.full(20, 5.0), np.full(20, 5.0))
value_cases("constant-answers-imperfect", np.full(20, 5.0), rng.normal(5, 1, 20), rmsle=True)
value_cases("with-zeros", np.r_[np.zeros(10), rng.random(30) * 10], np.r_[rng.random(10), np.zeros(30)])
value_cases("negative-values", rng.normal(0, 1, 30), rng.normal(0, 1, 30))
yi = rng.integers(300, 19000, 3000).astype(float)
value_cases("diamonds-size", yi, yi + rng.normal(0, 550, 3000), rmsle=False)


def multi_value_cases(name, Y, P):
    data = dict(columns=[f"y{j}" for j in range(Y.shape[1])], answers=[floats(r) for r in Y], predictions=[floats(r) for r in P])
    add(f"{name}/rmse", "rmse", "value_columns", lambda: skm.mean_squared_error(Y, P, squared=False), **data)
    add(f"{name}/mae", "mae", "value_columns", lambda: skm.mean_absolute_error(Y, P), **data)
    add(f"{name}/r2", "r2", "value_columns", lambda: skm.r2_score(Y, P), **data)
    add(f"{name}/rmsle", "rmsle", "value_columns", lambda: skm.mean_squared_log_error(Y, P, squared=False), **data)


Ym = np.abs(rng.normal(5, 2, (50, 2)))
multi_value_cases("two-outputs", Ym, np.abs(Ym + rng.normal(0, 1, (50, 2))))


# ---------------------------------------------------------------- map@k (Kaggle / ml_metrics reference code)
def apk(actual, predicted, k):
    if len(predicted) > k:
        predicted = predicted[:k]
    score = 0.0
    num_hits = 0.0
    for i, p in enumerate(predicted):
        if p in actual and p not in predicted[:i]:
            num_hits += 1.0
            score += num_hits / (i + 1.0)
    if not actual:
        return 0.0
    return score / min(len(actual), k)


def mapk_case(name, actual, predicted, k):
    add(f"{name}/map@{k}", f"map@{k}", "rankings", lambda: np.mean([apk(a, p, k) for a, p in zip(actual, predicted)]),
        answers=[" ".join(a) for a in actual], predictions=[" ".join(p) for p in predicted])


items = [f"w{i}" for i in range(12)]
actual = [list(rng.choice(items, rng.integers(1, 3), replace=False)) for _ in range(40)]
predicted = [list(rng.choice(items, 5, replace=False)) for _ in range(40)]
mapk_case("random", actual, predicted, 5)
mapk_case("random", actual, predicted, 3)
mapk_case("with-duplicates", [["a"], ["b", "c"], ["d"]], [["a", "a", "b"], ["c", "c", "b"], ["x", "d", "d"]], 3)
mapk_case("longer-than-k", [["a", "b", "c"], ["z"]], [["q", "a", "r", "b", "c", "d"], ["z", "y"]], 2)
mapk_case("empty-actual", [[], ["a"]], [["a"], ["a"]], 3)

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "AgentML.Core.Tests", "Reference", "metric_reference.json")
header = {"generator": "scripts/metric_reference.py", "sklearn_version": sklearn.__version__, "numpy_version": np.__version__}
with open(out, "w") as f:
    # One case per line, so that a regenerated file diffs case by case.
    f.write(json.dumps(header)[:-1] + ',"cases":[\n')
    f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
    f.write("\n]}\n")
print(f"{len(cases)} cases written to {os.path.normpath(out)} (scikit-learn {sklearn.__version__})", file=sys.stderr)
