"""Writes the task folders of the shape sweep (benchmarks/shapes/run.sh).

Each task exercises a shape the builtin expert's seven development tasks do not: ordinal kappa, multi-label,
text beside other columns, datetimes, high-cardinality categoricals, many missing values, many classes, tiny
and wide data, string ids, string labels with spaces and commas, negative regression targets, macro F1, MAE and
map@k. Realistic ones are derived from ../shared/datasets/raw/*.csv; the rest are synthetic with a known signal.

Usage: /usr/bin/python3 make_tasks.py <raw-folder> <out-folder> [--group sweep|unseen|real|all] [--seed N]
                                     [--r-export DIR] [--fresh-test N] [task ...]
The default group is "sweep" (the shape sweep's tasks). The "unseen" group holds synthetic shapes the quality
benchmark adds to its tasks (benchmarks/quality/run.sh --shapes): a class with 1-3 members, 300 rows, 100k rows, a
task where one 20 % hold-out misleads, 400 columns, and text beside numbers. They need no raw data, and --seed
draws another instance of each (the default 0 is what the recorded results used). The "real" group (run.sh --real)
holds tasks made from public data sets Debian ships (R's carData, mlmRev, lme4 and MASS, exported by
benchmarks/quality/export_real.R into --r-export DIR; statsmodels; scikit-learn), posed as a Kaggle task would pose
them, that the builtin expert was never developed or tuned on ("all" means sweep and unseen); --seed draws another
train/test split. The "real2" group holds ten more (R's modeldata, mlbench, AER, kernlab and dslabs, same exporter):
churn, loan default, caravan insurance (85 coded columns), income brackets, attrition, concrete, satellite soil,
wages, house prices with zip codes and 100,004 film ratings.
--fresh-test N adds N test rows drawn from the same process to the synthetic unseen shapes with small test sets
(rare-classes, small-300, noisy-holdout, wide-400, text-numbers): their train.csv and own test rows are unchanged, so a
solver sees the same task, but the private answers have N more rows. A few hundred private rows cannot tell apart
models within a few points of each other (noisy-holdout's 135 test rows give accuracy a standard error of 0.04);
with N = 10,000 the grade measures how well a submission generalises, not which rows the test split happened to draw.
Every folder follows the task-folder contract of DESIGN.md: competition.yaml, description.md,
public/{train,test,sample_submission}.csv and private/answers.csv.
"""

import json
import os
import sys

import numpy as np
import pandas as pd

RAW, OUT = sys.argv[1], sys.argv[2]
GROUP, SEED, WANTED, R_EXPORT, FRESH_TEST = "sweep", 0, set(), None, 0
_arguments = iter(sys.argv[3:])
for _argument in _arguments:
    if _argument == "--group":
        GROUP = next(_arguments)
    elif _argument == "--seed":
        SEED = int(next(_arguments))
    elif _argument == "--r-export":
        R_EXPORT = next(_arguments)
    elif _argument == "--fresh-test":
        FRESH_TEST = int(next(_arguments))
    else:
        WANTED.add(_argument)
if GROUP not in ("sweep", "unseen", "real", "real2", "all"):
    raise SystemExit(f"make_tasks.py: --group must be sweep, unseen, real, real2 or all, not {GROUP!r}")
if GROUP in ("real", "real2") and R_EXPORT is None:
    raise SystemExit("make_tasks.py: the real tasks need --r-export DIR (written by benchmarks/quality/export_real.R)")
TASKS = {}


def task(shape, group="sweep"):
    def register(build):
        TASKS[build.__name__.replace("_", "-")] = (shape, build, group)
        return build
    return register


def raw(name):
    return pd.read_csv(os.path.join(RAW, name))


def write_task(name, frame, targets, metric, fmt, description, id_column="id", task_type=None,
               test_share=0.25, seed=0, positive=None, classes_column=None, messy=False, train_only=None,
               test_only=None):
    """Splits `frame` into train/test, writes the sample submission in `fmt` and the answers; ids 1..n are added
    when `frame` has no `id_column`.

    fmt: label | probability | class_probabilities | multilabel | value | ranking.
    train_only: a boolean mask of rows that always go to train (e.g. the members of a rare class).
    test_only: a boolean mask of rows that always go to test (the rows with_fresh_test adds)."""
    shape = TASKS[name][0]
    rng = np.random.default_rng(seed)
    frame = frame.reset_index(drop=True)
    if id_column not in frame.columns:
        frame.insert(0, id_column, range(1, len(frame) + 1))
    test_rows = rng.random(len(frame)) < test_share
    if train_only is not None:
        test_rows[:len(train_only)] &= ~np.asarray(train_only)
    if test_only is not None:
        test_rows |= np.asarray(test_only)
    train, test = frame[~test_rows], frame[test_rows]
    folder = os.path.join(OUT, name)
    os.makedirs(os.path.join(folder, "public"), exist_ok=True)
    os.makedirs(os.path.join(folder, "private"), exist_ok=True)
    train.to_csv(os.path.join(folder, "public", "train.csv"), index=False)
    test.drop(columns=targets).to_csv(os.path.join(folder, "public", "test.csv"), index=False)
    ids = test[[id_column]].reset_index(drop=True)
    if fmt == "class_probabilities":
        labels = sorted(train[classes_column].astype(str).unique())
        sample = ids.assign(**{c: 1.0 / len(labels) for c in labels})
        answers = ids.assign(**{c: (test[classes_column].astype(str).to_numpy() == c).astype(int) for c in labels})
        submission_columns = labels
    else:
        sample, answers = ids.copy(), ids.copy()
        for column in targets:
            if fmt == "value":
                sample[column] = float(train[column].mean())
            elif fmt in ("probability", "multilabel"):
                sample[column] = 0.5
            elif fmt == "ranking":
                sample[column] = " ".join(train[column].astype(str).value_counts().index[:3])
            else:
                sample[column] = train[column].mode().iloc[0]
            answers[column] = test[column].to_numpy()
        submission_columns = targets
    sample.to_csv(os.path.join(folder, "public", "sample_submission.csv"), index=False)
    if messy:  # as some tools write CSV files: a UTF-8 byte-order mark and Windows line ends
        for file in ("train.csv", "test.csv", "sample_submission.csv"):
            path = os.path.join(folder, "public", file)
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
            with open(path, "w", encoding="utf-8-sig", newline="\r\n") as handle:
                handle.write(text)
    answers.to_csv(os.path.join(folder, "private", "answers.csv"), index=False)
    lines = [f"id: {name}", f"name: {name.replace('-', ' ')}", f"metric: {metric}", f"id_column: {id_column}",
             f"target_columns: {json.dumps(list(map(str, submission_columns)))}"]
    if classes_column:
        lines.append(f"train_target_columns: {json.dumps([classes_column])}")
    if task_type:
        lines.append(f"task_type: {task_type}")
    if positive is not None:
        lines.append(f"positive_label: {json.dumps(positive)}")
    lines += ["answers: private/answers.csv", "sample_submission: public/sample_submission.csv"]
    with open(os.path.join(folder, "competition.yaml"), "w") as handle:
        handle.write("\n".join(lines) + "\n")
    with open(os.path.join(folder, "description.md"), "w") as handle:
        handle.write(f"# {name}\n\n{description}\n\nThe metric is {metric}.\n")
    with open(os.path.join(folder, "shape.txt"), "w") as handle:
        handle.write(shape + "\n")


@task("ordinal 0..5 target, quadratic weighted kappa, tiny-ish numeric")
def kappa_concrete():
    frame = raw("modeldata__concrete.csv")
    frame["strength_grade"] = pd.cut(frame.pop("compressive_strength"), [-1, 15, 25, 35, 45, 60, 1000], labels=False)
    write_task("kappa-concrete", frame, ["strength_grade"], "quadratic_weighted_kappa", "label",
               "Predict the strength grade (0 = weakest, 5 = strongest) of each concrete mix.")


@task("ordinal text labels ('3 very good') with kappa, a '$3,412' number column")
def kappa_diamond_cut():
    frame = raw("ggplot2__diamonds.csv").sample(3000, random_state=1)
    grades = {"Fair": "1 fair", "Good": "2 good", "Very Good": "3 very good", "Premium": "4 premium", "Ideal": "5 ideal"}
    frame["cut"] = frame["cut"].map(grades)
    frame["price"] = frame["price"].map(lambda v: f"${v:,}")  # numbers written as text: "$3,412"
    write_task("kappa-diamond-cut", frame, ["cut"], "quadratic_weighted_kappa", "label",
               "Predict the cut grade of each diamond (an ordered scale from 1 fair to 5 ideal).")


@task("multi-label: 4 independent 0/1 role columns, mean roc_auc")
def multilabel_roles():
    frame = raw("modeldata__stackoverflow.csv")
    roles = ["Data_scientist", "DevOps", "Mobile_developer", "Web_developer"]
    others = [c for c in frame.columns if c.endswith(("_developer", "_administrator", "_engineer", "_designer", "_specialist",
                                                      "_programming", "_background")) and c not in roles]
    frame = frame.drop(columns=others)
    write_task("multilabel-roles", frame, roles, "roc_auc", "multilabel",
               "Predict, for each developer, the probability of each of four roles (a developer can have several).",
               task_type="multi_label")


@task("text + numeric + categorical columns, binary f1 on string labels")
def text_mixed_spam():
    frame = raw("stdlib__spam_assassin.csv").sample(1500, random_state=2)
    text = frame["text"].fillna("")
    body = text.str.split("\n\n", n=1).str[1].fillna("").str.slice(0, 3000)
    result = pd.DataFrame({
        "id": range(1, len(frame) + 1),
        "subject": text.str.extract(r"(?m)^Subject: (.*)$")[0].fillna("").str.slice(0, 200),
        "sender_domain": text.str.extract(r"(?m)^From: .*@([\w.-]+)")[0].str.lower(),
        "header_lines": text.str.split("\n\n", n=1).str[0].str.count("\n"),
        "body": body,
        "label": frame["label"].to_numpy(),
    })
    write_task("text-mixed-spam", result, ["label"], "f1", "label",
               "Decide whether each e-mail is spam from its subject, sender domain, header size and body.",
               positive="spam")


@task("datetime-heavy, negative regression target, mae")
def datetime_energy():
    rng = np.random.default_rng(3)
    n = 2500
    stamps = pd.Timestamp("2019-01-01") + pd.to_timedelta(rng.integers(0, 3 * 365 * 24, n), unit="h")
    opened = stamps - pd.to_timedelta(rng.integers(0, 900, n), unit="D")
    season = np.cos(2 * np.pi * (stamps.dayofyear.to_numpy() - 15) / 365.0)
    daily = np.sin(2 * np.pi * stamps.hour.to_numpy() / 24.0)
    weekend = (stamps.dayofweek.to_numpy() >= 5).astype(float)
    age = (stamps - opened).days.to_numpy() / 365.0
    target = -8 * season + 3 * daily - 4 * weekend - 1.5 * age + rng.normal(0, 1.5, n)
    frame = pd.DataFrame({"id": range(1, n + 1), "timestamp": stamps.strftime("%Y-%m-%d %H:%M:%S"),
                          "site_opened": opened.strftime("%Y-%m-%d"), "site": rng.choice(["north", "south", "east"], n),
                          "net_balance": np.round(target, 3)})
    write_task("datetime-energy", frame, ["net_balance"], "mae", "value",
               "Predict the net energy balance (negative: the site consumed more than it produced) at each timestamp.")


@task("high-cardinality categoricals, many classes with spaces/commas, f1_macro")
def highcard_party():
    frame = raw("forcats__gss_cat.csv").sample(4000, random_state=4).reset_index(drop=True)
    frame["birth_place"] = [f"county {i}" for i in np.random.default_rng(4).zipf(1.3, len(frame)) % 400]
    write_task("highcard-party", frame, ["partyid"], "f1_macro", "label",
               "Predict each respondent's party identification.")


@task("many missing values (~45% of cells blank), binary log_loss on string labels")
def missing_credit():
    frame = raw("modeldata__credit_data.csv")
    rng = np.random.default_rng(5)
    for column in frame.columns:
        if column != "Status":
            frame.loc[rng.random(len(frame)) < 0.45, column] = np.nan
    write_task("missing-credit", frame, ["Status"], "log_loss", "probability",
               "Predict the probability that a loan goes bad.", positive="bad")


@task("many classes (26), map@3 of space-separated labels")
def mapk_letters():
    frame = raw("mlbench__LetterRecognition.csv").sample(4000, random_state=6)
    write_task("mapk-letters", frame, ["lettr"], "map@3", "ranking",
               "Rank the three most likely letters for each image (space-separated, best first).")


@task("tiny (150 rows), string ids, per-class probabilities, log_loss")
def tiny_penguins():
    frame = raw("palmerpenguins__penguins.csv").sample(150, random_state=7)
    frame.insert(0, "penguin_id", [f"PG-{i:04d}-x" for i in np.random.default_rng(7).permutation(9000)[:150]])
    write_task("tiny-penguins", frame, ["species"], "log_loss", "class_probabilities",
               "Predict the probability of each species.", id_column="penguin_id", classes_column="species", test_share=0.3)


@task("wide synthetic (300 columns, 1200 rows), binary roc_auc on True/False")
def wide_synthetic():
    rng = np.random.default_rng(8)
    n, p = 1200, 300
    X = rng.normal(size=(n, p))
    logit = X[:, :10] @ rng.normal(size=10) + 0.5 * X[:, 10] * X[:, 11]
    frame = pd.DataFrame(X.round(4), columns=[f"f{j:03d}" for j in range(p)])
    frame.insert(0, "id", range(1, n + 1))
    frame["target"] = logit + rng.logistic(size=n) > 0  # written as True/False
    write_task("wide-synthetic", frame, ["target"], "roc_auc", "probability",
               "Predict the probability that target is 1.")


@task("string ids, labels with spaces, multiclass accuracy, a numeric-as-text column")
def strings_marital():
    frame = raw("forcats__gss_cat.csv").sample(3000, random_state=9).reset_index(drop=True)
    frame.insert(0, "respondent", [f"resp {i:05d}" for i in range(len(frame))])
    write_task("strings-marital", frame, ["marital"], "accuracy", "label",
               "Predict each respondent's marital status.", id_column="respondent")


@task("regression, centred log target (half negative), rmse, tiny (180 rows)")
def tiny_negative_diamonds():
    frame = raw("ggplot2__diamonds.csv").sample(240, random_state=10)
    price = np.log(frame.pop("price"))
    frame["log_price_vs_mean"] = np.round(price - price.mean(), 5)
    write_task("tiny-negative-diamonds", frame, ["log_price_vs_mean"], "rmse", "value",
               "Predict each diamond's log price relative to the average log price.")


@task("multiclass ordinal-ish class with string ids, balanced_accuracy, imbalanced")
def balanced_hpc():
    frame = raw("modeldata__hpc_data.csv")
    frame.insert(0, "job", [f"job-{i:05d}" for i in range(len(frame))])
    write_task("balanced-hpc", frame, ["class"], "balanced_accuracy", "label",
               "Predict the run-time class of each job (VF very fast .. L long).", id_column="job")


@task("two regression targets on different scales, rmse, zero-padded string ids")
def multioutput_concrete():
    frame = raw("modeldata__concrete.csv")
    frame.insert(0, "mix", [f"{i:06d}" for i in range(len(frame))])
    write_task("multioutput-concrete", frame, ["compressive_strength", "water"], "rmse",
               "value", "Predict the strength and the water content of each concrete mix.", id_column="mix",
               task_type="regression")


@task("zero-padded class codes ('01'..'04') and ids, f1_macro, imbalanced")
def padded_codes():
    frame = raw("modeldata__hpc_data.csv")
    frame["class"] = frame["class"].map({"VF": "01", "F": "02", "M": "03", "L": "04"})
    frame.insert(0, "job", [f"{i:07d}" for i in range(len(frame))])
    write_task("padded-codes", frame, ["class"], "f1_macro", "label",
               "Predict the run-time class code of each job (01 very fast .. 04 long).", id_column="job")


@task("messy CSV: byte-order mark, CRLF line ends, a numbers-with-words column, binary accuracy")
def messy_titanic():
    frame = raw("stablelearner__titanic.csv")
    rng = np.random.default_rng(11)
    frame["ticketno"] = frame["ticketno"].astype("object")
    frame.loc[rng.random(len(frame)) < 0.1, "ticketno"] = "LINE"  # numbers with a few words
    write_task("messy-titanic", frame, ["survived"], "accuracy", "label",
               "Predict whether each passenger survived (yes or no).", messy=True)


@task("per-class probabilities in columns named Class_1.. for labels 1..7, log_loss")
def classprob_names():
    frame = raw("modeldata__concrete.csv")
    frame["grade"] = pd.qcut(frame.pop("compressive_strength"), 7, labels=False) + 1
    folder_name = "classprob-names"
    write_task(folder_name, frame, ["grade"], "log_loss", "class_probabilities",
               "Predict the probability of each strength grade.", classes_column="grade")
    # The submission's columns are named Class_1 .. Class_7, not 1 .. 7.
    for part in ("public/sample_submission.csv", "private/answers.csv"):
        path = os.path.join(OUT, folder_name, part)
        table = pd.read_csv(path)
        table.columns = [c if c == "id" else f"Class_{c}" for c in table.columns]
        table.to_csv(path, index=False)
    yaml = os.path.join(OUT, folder_name, "competition.yaml")
    with open(yaml) as handle:
        text = handle.read()
    with open(yaml, "w") as handle:
        handle.write(text.replace('target_columns: ["1", "2", "3", "4", "5", "6", "7"]',
                                  'target_columns: ["Class_1", "Class_2", "Class_3", "Class_4", "Class_5", "Class_6", "Class_7"]'))


@task("kappa on an integer target with 40 levels (a regression task type)")
def kappa_many_levels():
    frame = raw("modeldata__concrete.csv")
    frame["score"] = np.clip(np.round(frame.pop("compressive_strength") / 2), 0, 40).astype(int)
    write_task("kappa-many-levels", frame, ["score"], "quadratic_weighted_kappa", "label",
               "Predict the strength score (0..40) of each mix.")


# --- Unseen shapes for the quality benchmark (group "unseen"): synthetic with a known signal, seeded by --seed. ---

def signal_frame(rng, n, informative, noise, prefix="x"):
    """n rows of `informative + noise` standard-normal columns; the first `informative` carry the signal."""
    X = rng.normal(size=(n, informative + noise))
    return X, pd.DataFrame(X.round(4), columns=[f"{prefix}{j:02d}" for j in range(X.shape[1])])


def with_fresh_test(frame, rows, key):
    """`frame` and the --fresh-test rows `rows(rng, n)` draws from an independent stream (appended), with the mask of
    those rows for write_task's test_only; without --fresh-test, `frame` and None. The generator's own draws come
    first, so the task's rows, its split and train.csv are the same either way."""
    if not FRESH_TEST:
        return frame, None
    extra = rows(np.random.default_rng([key, SEED, 7]), FRESH_TEST)
    return pd.concat([frame, extra], ignore_index=True), np.arange(len(frame) + FRESH_TEST) >= len(frame)


@task("a class with 3 members and one with 1 (both only in train), 6 classes, 1,500 rows, log_loss", group="unseen")
def rare_classes():
    rng = np.random.default_rng(100 + SEED)
    n, classes = 1500, ["alpha", "beta", "gamma", "delta", "rare three", "rare one"]
    counts = np.array([530, 420, 330, 216, 3, 1])
    labels = np.repeat(classes, counts)
    rng.shuffle(labels)
    centres = {c: rng.normal(scale=1.2, size=8) for c in classes}

    def rows(rng, labels):
        X = np.stack([centres[c] for c in labels]) + rng.normal(size=(len(labels), 8))
        frame = pd.DataFrame(X.round(4), columns=[f"m{j}" for j in range(8)])
        frame["site"] = rng.choice(["a", "b", "c", "d"], len(labels))
        frame["kind"] = labels
        return frame

    common = counts[:4] / np.sum(counts[:4])  # fresh test rows, like the task's own, never hold the rare kinds
    frame, fresh = with_fresh_test(rows(rng, labels), lambda rng, k: rows(rng, rng.choice(classes[:4], k, p=common)), 100)
    write_task("rare-classes", frame, ["kind"], "log_loss", "class_probabilities",
               "Predict the probability of each kind. Two kinds are very rare.", classes_column="kind",
               seed=SEED, train_only=np.isin(labels, ["rare three", "rare one"]), test_only=fresh)


@task("300 rows (225 to train), nonlinear binary signal, roc_auc", group="unseen")
def small_300():
    def rows(rng, n):
        X, frame = signal_frame(rng, n, 5, 7)
        logit = 1.5 * X[:, 0] - X[:, 1] + np.sin(2 * X[:, 2]) + X[:, 3] * X[:, 4]
        frame["group"] = rng.choice(["north", "south", "west"], n)
        logit += np.where(frame["group"] == "west", 0.8, 0.0)
        frame["outcome"] = np.where(logit + rng.logistic(size=n) > 0, "yes", "no")
        return frame

    frame, fresh = with_fresh_test(rows(np.random.default_rng(200 + SEED), 300), rows, 200)
    write_task("small-300", frame, ["outcome"], "roc_auc", "probability",
               "Predict the probability that the outcome is yes.", positive="yes", seed=SEED, test_only=fresh)


@task("100,000 rows, 12 numeric + 3 categorical columns, interactions, binary log_loss", group="unseen")
def large_100k():
    rng = np.random.default_rng(300 + SEED)
    n = 100_000
    X, frame = signal_frame(rng, n, 8, 4)
    frame = frame.round(3)
    region = rng.choice([f"r{i}" for i in range(30)], n)
    channel = rng.choice(["web", "shop", "phone", "partner"], n, p=[0.5, 0.3, 0.15, 0.05])
    tier = rng.choice(["bronze", "silver", "gold"], n)
    region_effect = dict(zip([f"r{i}" for i in range(30)], rng.normal(scale=0.7, size=30)))
    logit = (X[:, 0] - 0.8 * X[:, 1] + 0.6 * X[:, 2] * X[:, 3] + np.abs(X[:, 4]) - 0.8
             + 0.5 * np.sin(3 * X[:, 5]) + 0.4 * (X[:, 6] > 1) - 0.3 * X[:, 7] ** 2
             + np.vectorize(region_effect.get)(region) + np.where(channel == "partner", 0.7, 0.0)
             + np.where(tier == "gold", 0.4 * X[:, 0], 0.0))
    frame["region"], frame["channel"], frame["tier"] = region, channel, tier
    frame["converted"] = (logit + rng.logistic(size=n) > 0).astype(int)
    write_task("large-100k", frame, ["converted"], "log_loss", "probability",
               "Predict the probability that each lead converts (1).", test_share=0.2, seed=SEED)


@task("600 rows, 3 strong features among 25, 30 % of labels flipped: one 20 % hold-out misleads; accuracy",
      group="unseen")
def noisy_holdout():
    def rows(rng, n):
        X, frame = signal_frame(rng, n, 3, 22, prefix="f")
        clean = (X[:, 0] + 0.8 * X[:, 1] - 0.6 * X[:, 2]) > 0
        flipped = rng.random(n) < 0.3
        frame["label"] = np.where(clean ^ flipped, "positive", "negative")
        return frame

    frame, fresh = with_fresh_test(rows(np.random.default_rng(400 + SEED), 600), rows, 400)
    write_task("noisy-holdout", frame, ["label"], "accuracy", "label",
               "Predict the label of each row. The labels are noisy.", seed=SEED, test_only=fresh)


@task("wide: 400 numeric columns in correlated blocks, 2,000 rows, sparse regression signal, rmse", group="unseen")
def wide_400():
    blocks, per_block = 40, 10

    def rows(rng, n):
        latent = rng.normal(size=(n, blocks))
        X = np.repeat(latent, per_block, axis=1) + 0.7 * rng.normal(size=(n, blocks * per_block))
        frame = pd.DataFrame(X.round(3), columns=[f"c{j:03d}" for j in range(X.shape[1])])
        y = 3 * latent[:, 0] - 2 * latent[:, 5] + 1.5 * latent[:, 9] * latent[:, 12] + np.maximum(latent[:, 20], 0) * 2
        frame["response"] = np.round(y + rng.normal(scale=1.0, size=n), 4)
        return frame

    frame, fresh = with_fresh_test(rows(np.random.default_rng(500 + SEED), 2000), rows, 500)
    write_task("wide-400", frame, ["response"], "rmse", "value", "Predict the response of each row.", seed=SEED,
               test_only=fresh)


@task("free text beside numeric and categorical columns (signal in both), 3,000 rows, binary roc_auc",
      group="unseen")
def text_numbers():
    neutral = [f"w{i}" for i in range(400)]
    good = ["reliable", "sturdy", "quick", "friendly", "excellent", "bright", "smooth", "fair price"]
    bad = ["broken", "slow", "rude", "noisy", "late", "refund", "cracked", "overpriced"]

    def rows(rng, n):
        price = np.round(np.exp(rng.normal(3.5, 0.8, n)), 2)
        age_days = rng.integers(0, 1500, n)
        category = rng.choice(["tools", "garden", "kitchen", "toys", "books"], n)
        quality = rng.normal(size=n) + 0.4 * (category == "tools") - 0.3 * np.log(price / 30)
        texts = []
        for q in quality:
            words = list(rng.choice(neutral, rng.integers(8, 40)))
            for _ in range(rng.poisson(2.5)):
                words.insert(rng.integers(0, len(words) + 1), rng.choice(good if rng.random() < 1 / (1 + np.exp(-2 * q)) else bad))
            texts.append(" ".join(words))
        logit = 2.5 * quality - 0.001 * age_days + 0.7
        return pd.DataFrame({"review": texts, "price": price, "age_days": age_days, "category": category,
                             "returned": np.where(logit + rng.logistic(size=n) > 0, 0, 1)})

    frame, fresh = with_fresh_test(rows(np.random.default_rng(600 + SEED), 3000), rows, 600)
    write_task("text-numbers", frame, ["returned"], "roc_auc", "probability",
               "Predict the probability that an item is returned (1) from its review text, price, age and category.",
               seed=SEED, test_only=fresh)


# --- Real tasks for the quality benchmark (group "real"): public data Debian ships, never used to develop the expert. ---

def rdata(name):
    return pd.read_csv(os.path.join(R_EXPORT, name + ".csv"))


@task("carData SLID: hourly wages of 4,000-odd Canadians, missing covariates, rmse", group="real")
def slid_wages():
    frame = rdata("carData__SLID").dropna(subset=["wages"])
    write_task("slid-wages", frame, ["wages"], "rmse", "value", "Predict each person's hourly wage.", seed=SEED)


@task("carData Arrests: 5,226 marijuana arrests, categorical, binary roc_auc", group="real")
def arrests_released():
    frame = rdata("carData__Arrests")
    write_task("arrests-released", frame, ["released"], "roc_auc", "probability",
               "Predict the probability that an arrested person was released with a summons (Yes).", positive="Yes",
               seed=SEED)


@task("carData WVS: 5,381 survey answers, 3 ordered classes, log_loss", group="real")
def wvs_poverty():
    frame = rdata("carData__WVS")
    write_task("wvs-poverty", frame, ["poverty"], "log_loss", "class_probabilities",
               "Predict the probability of each answer to: is the government doing too little, about the right amount "
               "or too much about poverty?", classes_column="poverty", seed=SEED)


@task("carData BEPS: 1,525 voters, 3 parties, ordinal ratings, accuracy", group="real")
def beps_vote():
    frame = rdata("carData__BEPS")
    write_task("beps-vote", frame, ["vote"], "accuracy", "label", "Predict each voter's party.", seed=SEED)


@task("mlmRev Chem97: 31,022 A-level results with school and authority codes, rmse", group="real")
def chem97_score():
    frame = rdata("mlmRev__Chem97")
    write_task("chem97-score", frame, ["score"], "rmse", "value", "Predict each student's A-level chemistry score.",
               id_column="student", seed=SEED)


@task("lme4 InstEval: 73,421 lecture ratings 1-5, high-cardinality student and lecturer codes, rmse", group="real")
def insteval_rating():
    frame = rdata("lme4__InstEval")
    write_task("insteval-rating", frame, ["y"], "rmse", "value", "Predict the rating (1 to 5) a student gives a lecture.",
               seed=SEED)


@task("statsmodels fair: 6,366 women surveyed, binary log_loss", group="real")
def fair_affairs():
    from statsmodels.datasets import fair
    frame = fair.load_pandas().data
    frame["had_affair"] = (frame.pop("affairs") > 0).astype(int)
    write_task("fair-affairs", frame, ["had_affair"], "log_loss", "probability",
               "Predict the probability that a woman reported an extramarital affair (1).", seed=SEED)


@task("MASS fgl: 214 glass fragments, 6 classes (one of 9 rows), accuracy", group="real")
def fgl_glass():
    frame = rdata("MASS__fgl")
    write_task("fgl-glass", frame, ["type"], "accuracy", "label", "Predict the type of each glass fragment.", seed=SEED)


@task("scikit-learn digits: 1,797 8x8 images as 64 pixel columns, 10 classes, accuracy", group="real")
def digits_pixels():
    from sklearn.datasets import load_digits
    data = load_digits(as_frame=True)
    frame = data.frame.rename(columns={"target": "digit"})
    write_task("digits-pixels", frame, ["digit"], "accuracy", "label", "Predict the digit of each 8x8 image.", seed=SEED)


# --- A second set of real tasks (group "real2", twelfth session): more public data Debian ships (R's modeldata,
# mlbench, AER, kernlab and dslabs, exported by export_real.R), chosen for shapes the first set lacks. Each is one
# exported table posed as it stands: (name, shape, exported table, target, metric, submission format, description,
# write_task options). ---

REAL2 = [
    ("churn-telecom", "modeldata mlc_churn: 5,000 telecom customers, 15 % churn, binary roc_auc", "modeldata__mlc_churn",
     "churn", "roc_auc", "probability", "Predict the probability that a customer churns (yes).", {"positive": "yes"}),
    ("lending-default", "modeldata lending_club: 9,857 loans, 5 % bad, binary roc_auc", "modeldata__lending_club",
     "Class", "roc_auc", "probability", "Predict the probability that a loan goes bad.", {"positive": "bad"}),
    ("concrete-strength", "modeldata concrete: 1,030 mixtures, compressive strength, rmse", "modeldata__concrete",
     "compressive_strength", "rmse", "value", "Predict the compressive strength of each concrete mixture.", {}),
    ("satellite-soil", "mlbench Satellite: 6,435 Landsat pixels with their neighbours, 6 soil classes, accuracy",
     "mlbench__Satellite", "classes", "accuracy", "label",
     "Predict the soil or crop class of each pixel from its spectral values and its neighbours'.", {}),
    ("cps-wages", "AER CPS1988: 28,155 weekly wages, rmsle", "AER__CPS1988", "wage", "rmsle", "value",
     "Predict each worker's weekly wage.", {}),
    ("caravan-insurance", "kernlab ticdata: 9,822 customers, 85 coded socio-demographic columns, 6 % caravan "
     "insurance, roc_auc", "kernlab__ticdata", "CARAVAN", "roc_auc", "probability",
     "Predict the probability that a customer holds a caravan insurance policy.", {"positive": "insurance"}),
    ("sacramento-prices", "modeldata Sacramento: 932 house sales with city and zip code, rmsle", "modeldata__Sacramento",
     "price", "rmsle", "value", "Predict the sale price of each house.", {}),
    ("income-bracket", "kernlab income: 8,993 households, 9 ordered income brackets, categorical with missing values, "
     "log_loss", "kernlab__income", "INCOME", "log_loss", "class_probabilities",
     "Predict the probability of each household income bracket.", {"classes_column": "INCOME"}),
    ("attrition-hr", "modeldata attrition: 1,470 employees, 16 % leave, binary log_loss", "modeldata__attrition",
     "Attrition", "log_loss", "probability", "Predict the probability that an employee leaves (Yes).",
     {"positive": "Yes"}),
    ("movielens-ratings", "dslabs movielens: 100,004 ratings of 9,066 films by 671 users, titles and genres, rmse",
     "dslabs__movielens", "rating", "rmse", "value", "Predict the rating (0.5 to 5) a user gives a film.", {}),
]


def real2_task(name, shape, table, target, metric, fmt, description, options):
    TASKS[name] = (shape, lambda: write_task(name, rdata(table), [target], metric, fmt, description, seed=SEED,
                                             **options), "real2")


for _row in REAL2:
    real2_task(*_row)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for name, (shape, build, group) in TASKS.items():
        if (name in WANTED) if WANTED else GROUP == group or (GROUP == "all" and group not in ("real", "real2")):
            build()
            print(name)
