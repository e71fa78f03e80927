"""Writes Kaggle-style variations of the shared task folders, WITHOUT competition.yaml, for the inference check
(benchmarks/inference/run.sh): renamed sample submissions, compressed or tab-separated files, a data/ subfolder,
other id column names, a target spelled differently, several targets, per-class probability columns named
Class_1.., class_0.. or prob_<label>, multi-label 0/1 targets, placeholder sample values and metrics named in other
words. Each folder gets expected.json (what inference must find) and private/ answers in the submission's layout
(answers.csv, which `agentml grade` also accepts as a perfect submission).

Usage: /usr/bin/python3 make_variations.py <shared-tasks-folder> <out-folder> [variation ...]
"""

import json
import os
import shutil
import sys

import pandas as pd

TASKS, OUT = sys.argv[1], sys.argv[2]
WANTED = set(sys.argv[3:])
VARIATIONS = {}


def variation(build):
    VARIATIONS[build.__name__.replace("_", "-")] = build
    return build


def load(task):
    folder = os.path.join(TASKS, task)
    read = lambda *p: pd.read_csv(os.path.join(folder, *p), keep_default_na=False, dtype=str)
    with open(os.path.join(folder, "description.md")) as handle:
        description = handle.read()
    return read("public", "train.csv"), read("public", "test.csv"), read("public", "sample_submission.csv"), \
        read("private", "answers.csv"), description


def write(name, train, test, sample, answers, description, expected, files=None, sub="public"):
    """files: {role: file name} for train/test/sample (default *.csv); sub: the folder of the public files."""
    files = {"train": "train.csv", "test": "test.csv", "sample": "sample_submission.csv", **(files or {})}
    folder = os.path.join(OUT, name)
    shutil.rmtree(folder, ignore_errors=True)
    public = os.path.join(folder, sub) if sub else folder
    os.makedirs(public, exist_ok=True)
    os.makedirs(os.path.join(folder, "private"), exist_ok=True)
    for role, frame in (("train", train), ("test", test), ("sample", sample)):
        path = os.path.join(public, files[role])
        sep = "\t" if ".tsv" in path else ","
        frame.to_csv(path, index=False, sep=sep, compression="gzip" if path.endswith(".gz") else None)
    answers.to_csv(os.path.join(folder, "private", "answers.csv"), index=False)
    with open(os.path.join(folder, "description.md"), "w") as handle:
        handle.write(description)
    with open(os.path.join(folder, "expected.json"), "w") as handle:
        json.dump(expected, handle, indent=1)


def expect(id_column, targets, task_type, fmt, metric, train_targets=None):
    return {"id_column": id_column, "target_columns": targets, "train_target_columns": train_targets or targets,
            "task_type": task_type, "submission_format": fmt, "metric": metric}


def evaluation(description, text):
    """The description with its evaluation section replaced by `text`."""
    head = description.split("## Evaluation")[0]
    return head + "## Evaluation\n\n" + text + "\n"


def rename_id(frames, old, new):
    return [f.rename(columns={old: new}) if old in f.columns else f for f in frames]


PENGUIN_CLASSES = ["Adelie", "Chinstrap", "Gentoo"]

# Files renamed, compressed, tab-separated or moved, and the id column renamed:
# (name, task, id column, {role: file name}, public subfolder, expected task type, format, metric, targets, train targets)
RENAMED = [
    ("sample-camel-case", "titanic-full", "id", {"sample": "sampleSubmission.csv"}, "public",
     ("binary", "label", "accuracy", ["survived"], None)),
    ("sample-gzipped", "diamond-prices", "id", {"sample": "sample_submission.csv.gz"}, "public",
     ("regression", "value", "rmse", ["price"], None)),
    ("gender-submission", "titanic-full", "PassengerId", {"sample": "gender_submission.csv"}, "public",
     ("binary", "label", "accuracy", ["survived"], None)),
    ("prefixed-sample", "credit-scoring", "row_id", {"sample": "credit_sample_submission.csv"}, "public",
     ("binary", "probability", "roc_auc", ["Status"], None)),
    ("gz-in-data-folder", "penguin-species", "id", {"train": "train.csv.gz", "test": "test.csv.gz"}, "data",
     ("multiclass", "class_probabilities", "log_loss", PENGUIN_CLASSES, ["species"])),
    ("tsv-files", "letter-recognition", "ID", {"train": "train.tsv", "test": "test.tsv"}, "public",
     ("multiclass", "label", "accuracy", ["lettr"], None)),
]


def renamed(name, task, id_column, files, sub, expected):
    task_type, fmt, metric, targets, train_targets = expected

    def build():
        train, test, sample, answers, d = load(task)
        train, test, sample, answers = rename_id([train, test, sample, answers], "id", id_column)
        write(name, train, test, sample, answers, d, expect(id_column, targets, task_type, fmt, metric, train_targets),
              files=files, sub=sub)
    VARIATIONS[name] = build


for entry in RENAMED:
    renamed(*entry)


@variation
def bare_root():
    train, test, sample, answers, d = load("diamond-prices")
    train, test, sample, answers = rename_id([train, test, sample, answers], "id", "Id")
    write("bare-root", train, test, sample, answers, evaluation(d, "Submissions are scored on the mean absolute error."),
          expect("Id", ["price"], "regression", "value", "mae"), sub="")


@variation
def id_absent_from_train():
    train, test, sample, answers, d = load("ames-house-prices")
    write("id-absent-from-train", train.drop(columns=["id"]), test, sample, answers, d,
          expect("id", ["Sale_Price"], "regression", "value", "rmsle"))


@variation
def target_case_differs():
    train, test, sample, answers, d = load("titanic-full")
    train = train.rename(columns={"survived": "Survived"})
    write("target-case-differs", train, test, sample, answers, d,
          expect("id", ["survived"], "binary", "label", "accuracy", ["Survived"]))


@variation
def target_spelling_differs():
    train, test, sample, answers, d = load("ames-house-prices")
    sample, answers = [f.rename(columns={"Sale_Price": "SalePrice"}) for f in (sample, answers)]
    train["Sale_Status"] = "sold"  # a second train-only column: the label cannot be "the only column missing from test"
    write("target-spelling-differs", train, test, sample, answers, d,
          expect("id", ["SalePrice"], "regression", "value", "rmsle", ["Sale_Price"]))


@variation
def several_regression_targets():
    train, test, sample, answers, d = load("diamond-prices")
    full = pd.concat([train, test.merge(answers, on="id")])
    test_rows = full["id"].isin(test["id"])
    test = full[test_rows].drop(columns=["price", "depth"])
    answers = full[test_rows][["id", "price", "depth"]]
    sample = answers.assign(price="0", depth="0")
    write("several-regression-targets", full[~test_rows], test, sample, answers,
          evaluation(d, "Submissions are scored on the mean columnwise root mean squared error."),
          expect("id", ["price", "depth"], "regression", "value", "rmse"))


def class_columns(name, names, labels, metric_text, metric):
    """Penguins with species coded by `labels` and per-class columns named by `names` (both indexed like the species)."""
    train, test, sample, answers, d = load("penguin-species")
    species = PENGUIN_CLASSES
    train["species"] = train["species"].map(dict(zip(species, labels)))
    sample = sample.rename(columns=dict(zip(species, names)))
    answers = answers.rename(columns=dict(zip(species, names)))
    write(name, train, test, sample, answers, evaluation(d, metric_text),
          expect("id", names, "multiclass", "class_probabilities", metric, ["species"]))


@variation
def class_k_columns():
    class_columns("class-k-columns", ["Class_1", "Class_2", "Class_3"], ["1", "2", "3"],
                  "Submissions are evaluated using the multi-class logarithmic loss.", "log_loss")


@variation
def class_zero_based():
    class_columns("class-zero-based", ["class_0", "class_1", "class_2"], ["0", "1", "2"],
                  "Submissions are evaluated using the multi-class logarithmic loss.", "log_loss")


@variation
def class_k_off_by_one():
    # Class_1..Class_3 for labels 0..2: the names do not say which is which; matched by sorted position (a warning).
    class_columns("class-k-off-by-one", ["Class_1", "Class_2", "Class_3"], ["0", "1", "2"],
                  "Submissions are evaluated using the multi-class logarithmic loss.", "log_loss")


@variation
def prob_label_columns():
    class_columns("prob-label-columns", ["prob_Adelie", "prob_Chinstrap", "prob_Gentoo"], ["Adelie", "Chinstrap", "Gentoo"],
                  "Submissions are evaluated on log loss.", "log_loss")


@variation
def class_k_more_columns_than_train():
    # Class_1..Class_5 for labels 1..3: two classes never occur in train (as in Kaggle tasks with rare classes).
    train, test, sample, answers, d = load("penguin-species")
    species = PENGUIN_CLASSES
    train["species"] = train["species"].map(dict(zip(species, ["1", "2", "3"])))
    names = ["Class_1", "Class_2", "Class_3", "Class_4", "Class_5"]
    sample = sample.rename(columns=dict(zip(species, names))).assign(Class_4="0.2", Class_5="0.2")
    answers = answers.rename(columns=dict(zip(species, names))).assign(Class_4="0", Class_5="0")
    write("class-k-more-columns-than-train", train, test, sample, answers, d,
          expect("id", names, "multiclass", "class_probabilities", "log_loss", ["species"]))


@variation
def multi_label():
    train, test, sample, answers, d = load("credit-scoring")
    full = pd.concat([train, test.merge(answers, on="id")])
    full["Records"] = (full["Records"] == "yes").astype(int).astype(str)
    test_rows = full["id"].isin(test["id"])
    answers = full[test_rows][["id", "Status", "Records"]]
    write("multi-label", full[~test_rows], full[test_rows].drop(columns=["Status", "Records"]),
          answers.assign(Status="0.5", Records="0.5"), answers,
          evaluation(d, "Submissions are evaluated on the mean column-wise ROC AUC."),
          expect("id", ["Status", "Records"], "multi_label", "multi_label_probabilities", "roc_auc"))


# Sample submissions holding a placeholder (0, 0.5, blank, one class, several labels): the format must come from
# train's target and the description. (name, task, target, placeholder, evaluation text or None, expected)
PLACEHOLDERS = [
    ("placeholder-zero-auc", "credit-scoring", "Status", "0", None, ("binary", "probability", "roc_auc")),
    ("placeholder-zero-gini", "credit-scoring", "Status", "0",
     "Submissions are evaluated on the Normalized Gini Coefficient of the predicted probabilities.", ("binary", "probability", "roc_auc")),
    ("placeholder-blank-label", "titanic-full", "survived", "", None, ("binary", "label", "accuracy")),
    ("placeholder-constant-class", "letter-recognition", "lettr", "A", None, ("multiclass", "label", "accuracy")),
    ("placeholder-half-regression", "diamond-prices", "price", "0.5", None, ("regression", "value", "rmse")),
    ("map-at-3", "letter-recognition", "lettr", "A B C",
     "Submissions are evaluated according to the Mean Average Precision @ 3 (MAP@3).", ("multiclass", "label", "map@3")),
    ("mse-regression", "diamond-prices", "price", "0", "Submissions are evaluated on the mean squared error.", ("regression", "value", "rmse")),
    ("unsupported-metric", "titanic-full", "survived", "no",
     "Submissions are evaluated on the Matthews correlation coefficient.", ("binary", "label", "accuracy")),
]


def placeholder(name, task, target, value, evaluation_text, expected):
    def build():
        train, test, sample, answers, d = load(task)
        sample[target] = value
        write(name, train, test, sample, answers, evaluation(d, evaluation_text) if evaluation_text else d,
              expect("id", [target], *expected))
    VARIATIONS[name] = build


for entry in PLACEHOLDERS:
    placeholder(*entry)


@variation
def kappa_integer_grades():
    train, test, sample, answers, d = load("diamond-prices")
    grades = {"Fair": "1", "Good": "2", "Very Good": "3", "Premium": "4", "Ideal": "5"}
    full = pd.concat([train, test.merge(answers, on="id")])
    full["cut"] = full["cut"].map(grades)
    test_rows = full["id"].isin(test["id"])
    answers = full[test_rows][["id", "cut"]]
    write("kappa-integer-grades", full[~test_rows], full[test_rows].drop(columns=["cut"]), answers.assign(cut="0"),
          answers, evaluation(d, "Submissions are scored based on the quadratic weighted kappa."),
          expect("id", ["cut"], "multiclass", "label", "quadratic_weighted_kappa"))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for name, build in VARIATIONS.items():
        if not WANTED or name in WANTED:
            build()
            print(name)
