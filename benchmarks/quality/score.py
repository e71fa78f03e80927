"""Development scorer: grades a submission against a task's private answers with scikit-learn.

Usage: /usr/bin/python3 score.py <task-folder> <submission.csv>
The quality benchmark itself grades with AgentML's C# grader; this is only for quick iteration and for resampling the
test rows (paired.py)."""
import sys

import numpy as np
import pandas as pd
import yaml
from sklearn import metrics as skm

LOWER_IS_BETTER = {"log_loss", "rmse", "rmsle", "mae"}


def read_spec(task_dir):
    """competition.yaml as a dict; tolerant of unquoted colons in values (e.g. `name: Titanic: who?`)."""
    spec = {}
    for line in open(f"{task_dir}/competition.yaml"):
        if ":" in line and not line.startswith((" ", "#")):
            key, value = line.split(":", 1)
            spec[key.strip()] = yaml.safe_load(value.strip()) if value.strip().startswith("[") else value.strip()
    return spec


def prepare(task_dir, submission_path):
    """(metric, truth, predictions) with one entry per answer row, in the answers' order."""
    spec = read_spec(task_dir)
    metric, id_column = spec["metric"], spec["id_column"]
    answers = pd.read_csv(f"{task_dir}/{spec.get('answers', 'private/answers.csv')}")
    submission = pd.read_csv(submission_path)
    merged = answers.merge(submission, on=id_column, suffixes=("", "__pred"))
    assert len(merged) == len(answers), "ids do not match the answers"
    columns = [c for c in answers.columns if c != id_column]
    if len(columns) > 1:  # one-hot answers with per-class probabilities
        truth = merged[columns].to_numpy().argmax(axis=1)
        proba = merged[[c + "__pred" for c in columns]].to_numpy(dtype=float)
        return metric, truth, np.clip(proba / proba.sum(axis=1, keepdims=True), 1e-15, 1 - 1e-15)
    truth, pred = merged[columns[0]], merged[columns[0] + "__pred"]
    if metric == "accuracy":
        return metric, truth.astype(str).to_numpy(), pred.astype(str).to_numpy()
    if metric in ("roc_auc", "log_loss"):  # one probability column: the positive class's
        positive = str(spec.get("positive_label", "1")).strip('"')
        return metric, (truth.astype(str) == positive).to_numpy().astype(int), pred.to_numpy(dtype=float)
    return metric, truth.to_numpy(dtype=float), pred.to_numpy(dtype=float)


def value(metric, truth, pred):
    if metric == "accuracy":
        return skm.accuracy_score(truth, pred)
    if metric == "roc_auc":
        return skm.roc_auc_score(truth, pred)
    if metric == "log_loss" and pred.ndim == 2:
        return skm.log_loss(truth, pred, labels=list(range(pred.shape[1])))
    if metric == "log_loss":
        return skm.log_loss(truth, np.clip(pred, 1e-15, 1 - 1e-15), labels=[0, 1])
    if metric == "rmse":
        return float(np.sqrt(skm.mean_squared_error(truth, pred)))
    if metric == "rmsle":
        return float(np.sqrt(skm.mean_squared_log_error(truth, pred)))
    if metric == "mae":
        return float(skm.mean_absolute_error(truth, pred))
    raise SystemExit(f"metric {metric} not handled by the development scorer")


def grade(task_dir, submission_path):
    metric, truth, pred = prepare(task_dir, submission_path)
    return metric, value(metric, truth, pred)


if __name__ == "__main__":
    name, score = grade(sys.argv[1], sys.argv[2])
    print(f"{name} {score:.6f}")
