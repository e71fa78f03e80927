"""Development loop for the builtin templates (no C# needed): compose a program from prompts/builtin/templates
for a recipe, run it on a task in a sandbox-like folder and score it on the private answers.

Usage: /usr/bin/python3 devrun.py <task name under ../shared/tasks, or a task folder> <recipe.json> [time_limit_s]
The product's coder is the C# BuiltinCoder; keep the snippet selection here in step with it."""
import json
import os
import subprocess
import sys
import tempfile
import time

import pandas as pd
import yaml

from score import grade, read_spec

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TEMPLATES = os.path.join(ROOT, "prompts", "builtin", "templates")
TASKS = os.path.abspath(os.path.join(ROOT, "..", "shared", "tasks"))
MODEL_SNIPPETS = {"hgb": "41_model_hgb.py", "xgb": "42_model_xgb.py", "forest": "43_model_forest.py",
                  "linear": "44_model_linear.py", "svm": "45_model_svm.py", "knn": "46_model_knn.py"}


def task_json(task_dir):
    spec = read_spec(task_dir)
    sample = pd.read_csv(f"{task_dir}/public/sample_submission.csv", nrows=5)
    train = pd.read_csv(f"{task_dir}/public/train.csv")
    targets = spec["target_columns"]
    train_targets = [c for c in targets if c in train.columns]
    metric = spec["metric"]
    if not train_targets:
        train_targets = [c for c in train.columns if c not in pd.read_csv(f"{task_dir}/public/test.csv", nrows=1).columns]
        fmt, kind = "class_probabilities", "multiclass"
    elif metric in ("rmse", "rmsle", "mae", "r2"):
        fmt, kind = "value", "regression"
    else:
        n = train[train_targets[0]].nunique()
        kind = "binary" if n == 2 else "multiclass"
        fmt = "probability" if metric in ("roc_auc", "log_loss") and kind == "binary" else "label"
    classes = sorted(train[train_targets[0]].astype(str).unique()) if kind != "regression" else []
    return {"metric": metric, "id_column": spec["id_column"], "target_columns": targets,
            "train_target_columns": train_targets, "task_type": kind, "submission_format": fmt,
            "classes": classes, "positive_label": classes[-1] if kind == "binary" else None}


def compose(recipe, task, plan="development run", seed=0, limit=300):
    names = ["00_header.py.tmpl", "10_load.py", "20_features_base.py"]
    if recipe["features"].get("datetime_parts"):
        names.append("21_features_datetime.py")
    if recipe["features"].get("text"):
        names.append("22_features_text.py")
    if recipe["features"].get("target_encoding"):
        names.append("23_target_encoding.py")
    views = {m["view"] for m in recipe["members"]}
    names += [n for v, n in (("tree", "30_view_tree.py"), ("linear", "31_view_linear.py")) if v in views]
    names.append("40_models_common.py")
    names += sorted({MODEL_SNIPPETS[m["model"]] for m in recipe["members"]})
    names += ["50_validation.py", "60_train.py", "70_blend.py", "80_postprocess.py", "90_submission.py"]
    text = "".join(open(os.path.join(TEMPLATES, n)).read() for n in names)
    values = {"TITLE": "dev", "OPERATOR": "draft", "PLAN": plan, "SEED": str(seed), "TIME_LIMIT_S": str(limit),
              # AgentML's ProgramTimeMargin.Tabular (agents/AgentML.Agents/Builtin/ProgramTimeMargin.cs)
              "WORKING_SHARE": "0.8", "RESERVE_S": "5.0", "MIN_WORKING_S": "10.0",
              "TASK_JSON": json.dumps(task, indent=2), "RECIPE_JSON": json.dumps(recipe, indent=2)}
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    return text


def run(task_name, recipe, limit=300, threads=1, keep=None):
    task_dir = task_name if os.path.isdir(task_name) else os.path.join(TASKS, task_name)
    work = keep or tempfile.mkdtemp(prefix=f"agentml-dev-{os.path.basename(task_dir)}-")
    os.makedirs(os.path.join(work, "input"), exist_ok=True)
    os.makedirs(os.path.join(work, "working"), exist_ok=True)
    for f in ("train.csv", "test.csv", "sample_submission.csv"):
        dst = os.path.join(work, "input", f)
        if not os.path.exists(dst):
            os.symlink(os.path.join(task_dir, "public", f), dst)
    with open(os.path.join(work, "solution.py"), "w") as fh:
        fh.write(compose(recipe, task_json(task_dir), limit=limit))
    env = dict(os.environ, AGENTML_THREADS=str(threads), AGENTML_SEED="0", AGENTML_TIME_LIMIT_S=str(limit))
    start = time.time()
    proc = subprocess.run(["/usr/bin/python3", "solution.py"], cwd=work, env=env, capture_output=True, text=True)
    seconds = time.time() - start
    out = proc.stdout + proc.stderr
    if proc.returncode != 0:
        return None, seconds, out, work
    return grade(task_dir, os.path.join(work, "submission", "submission.csv"))[1], seconds, out, work


if __name__ == "__main__":
    recipe = json.load(open(sys.argv[2]))
    value, seconds, out, work = run(sys.argv[1], recipe, int(sys.argv[3]) if len(sys.argv) > 3 else 300)
    print(out[-4000:])
    print(f"{sys.argv[1]}: {value} in {seconds:.0f}s ({work})")
