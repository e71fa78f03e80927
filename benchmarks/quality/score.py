"""Development scorer: grades a submission against a task's private answers with scikit-learn.

Usage: /usr/bin/python3 score.py <task-folder> <submission.csv>
The quality benchmark itself grades with AgentML's C# grader; this is only for quick iteration."""
import sys

import numpy as np
import pandas as pd
import yaml
from sklearn import metrics as skm


def read_spec(task_dir):
    """competition.yaml as a dict; tolerant of unquoted colons in values (e.g. `name: Titanic: who?`)."""
    spec = {}
    for line in open(f"{task_dir}/competition.yaml"):
        if ":" in line and not line.startswith((" ", "#")):
            key, value = line.split(":", 1)
            spec[key.strip()] = yaml.safe_load(value.strip()) if value.strip().startswith("[") else value.strip()
    return spec


def grade(task_dir, submission_path):
    spec = read_spec(task_dir)
    metric, id_column = spec["metric"], spec["id_column"]
    answers = pd.read_csv(f"{task_dir}/{spec.get('answers', 'private/answers.csv')}")
    submission = pd.read_csv(submission_path)
    merged = answers.merge(submission, on=id_column, suffixes=("", "__pred"))
    assert len(merged) == len(answers), "ids do not match the answers"
    columns = [c for c in answers.columns if c != id_column]
    if len(columns) > 1:  # one-hot answers with per-class probabilities
        truth = merged[columns].to_numpy().argmax(axis=1)
        proba = merged[[c + "__pred" for c in columns]].to_numpy()
        proba = np.clip(proba / proba.sum(axis=1, keepdims=True), 1e-15, 1 - 1e-15)
        return metric, skm.log_loss(truth, proba, labels=list(range(len(columns))))
    truth, pred = merged[columns[0]], merged[columns[0] + "__pred"]
    if metric == "accuracy":
        return metric, skm.accuracy_score(truth.astype(str), pred.astype(str))
    if metric == "roc_auc":
        return metric, skm.roc_auc_score(truth, pred)
    if metric == "rmse":
        return metric, float(np.sqrt(skm.mean_squared_error(truth, pred)))
    if metric == "rmsle":
        return metric, float(np.sqrt(skm.mean_squared_log_error(truth, pred)))
    raise SystemExit(f"metric {metric} not handled by the development scorer")


if __name__ == "__main__":
    name, value = grade(sys.argv[1], sys.argv[2])
    print(f"{name} {value:.6f}")
