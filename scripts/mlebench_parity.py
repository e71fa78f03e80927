#!/usr/bin/env python3
"""MLE-bench grading parity fixtures and expectations.

  generate  writes small prepared competitions in MLE-bench's exact layout (<out>/data/<id>/prepared/{public,private})
            and, for each, one submission per kind (<out>/submissions/<id>/<kind>.csv).
  expect    grades every submission with MLE-bench's own grade.py from a checkout of openai/mle-bench (imported, not
            copied) and writes <out>/expected.json: {id: {kind: {"valid": bool, "score": float|null}}}.

The C# parity suite (tests/AgentML.Bench.Tests/ParityTests.cs) compares `agentml grade`, `bench run` and
`bench validate` with expected.json and with its own table of outcomes worked out by reading each grade.py.
Needs pandas, numpy and scikit-learn (Debian's /usr/bin/python3 has them). scikit-learn older than 1.4 lacks
root_mean_squared_error and root_mean_squared_log_error, which MLE-bench's graders import: `expect` adds them (with
the 1.4+ semantics: negative values are rejected) when missing.

  /usr/bin/python3 scripts/mlebench_parity.py generate --mlebench <mle-bench checkout> --out tests/AgentML.Bench.Tests/Parity
  /usr/bin/python3 scripts/mlebench_parity.py expect --mlebench <mle-bench checkout> --out tests/AgentML.Bench.Tests/Parity
"""
import argparse
import ast
import csv
import importlib
import json
import math
import random
import sys
from pathlib import Path

KINDS = [
    "perfect", "noisy", "shuffled_rows", "extra_column", "missing_rows", "nan_value", "text_value",
    "wrong_column_names", "renamed_id", "duplicate_ids", "permuted_columns", "not_summing_to_one",
    "outside_unit_interval", "rounded_3_decimals",
]

ROWS = 12


def classes_of(mlebench: Path, competition: str, module: str = "classes", name: str = "CLASSES") -> list:
    """The class list a competition's module defines: a list literal, or a string of one class per line (dogs.py)."""
    text = (mlebench / "mlebench" / "competitions" / competition / f"{module}.py").read_text()
    tree = ast.parse(text)
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == name:
            value = ast.literal_eval(node.value)
            return value.split() if isinstance(value, str) else list(value)
    raise SystemExit(f"no {name} in {competition}/{module}.py")


def write_csv(path: Path, header: list, rows: list) -> None:
    """Writes a CSV (a TSV for .tsv; for .zip, a zip holding the table under the name without .zip, with a fixed date)."""
    import io
    import zipfile

    path.parent.mkdir(parents=True, exist_ok=True)
    f = io.StringIO(newline="")
    w = csv.writer(f, lineterminator="\n", delimiter="\t" if path.suffix == ".tsv" else ",")
    w.writerow(header)
    for r in rows:
        w.writerow([fmt(v) for v in r])
    if path.suffix == ".zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(zipfile.ZipInfo(path.stem, (2024, 1, 1, 0, 0, 0)), f.getvalue())
    else:
        path.write_text(f.getvalue(), encoding="utf-8", newline="")


def fmt(v):
    if isinstance(v, float):
        return repr(v)
    return v


class Spec:
    """One competition fixture: answers (id + targets, plus extra answer columns), the sample submission's layout."""

    def __init__(self, cid, id_col, targets, kind, answers_header, answers, sub_header, train_name="train.csv",
                 sample_name="sample_submission.csv", test_name="test.csv", answers_name="test.csv", answer_of=None,
                 test_columns=None, train_names=None, images=None, train_table=None):
        self.cid, self.id_col, self.targets, self.kind = cid, id_col, targets, kind
        self.answers_header, self.answers = answers_header, answers
        self.sub_header, self.train_name, self.sample_name = sub_header, train_name, sample_name
        self.test_name, self.answers_name = test_name, answers_name
        # answer_of: submission column -> answers column where the names differ; test_columns: the public test's
        # columns (default: the answers' without targets); train_names: answers column -> train column renames.
        self.answer_of, self.test_columns, self.train_names = answer_of or {}, test_columns, train_names or {}
        # images: where prepare.py writes the image files (Images); test_name None: no test table (ids in the sample
        # submission); train_table: (header, rows) of the public train table when it is not built from the answers.
        self.images, self.train_table = images, train_table
        self.test_table = None  # (header, rows) of the public test table when it is not the answers without targets
        self.write_files = None  # (public, private) -> None: files prepare.py writes besides the tables (JSONL, folders)
        self.missing_prediction = None  # what the perfect submission predicts where the answers have no value

    def answer_index(self, column):
        return self.answers_header.index(self.answer_of.get(column, column))


class Images:
    """An image competition's files: the column naming them, the suffix a value lacks, the train and test folders
    (relative to public/; "{label}" is filled from the train row's label_column, "{first}" with the value's first
    character), and the folders prepare.py ships as zip archives."""

    def __init__(self, column, suffix, train_folder, test_folder, zipped=(), label_column=None, train_files=(), kind="image"):
        self.column, self.suffix, self.train_folder, self.test_folder, self.kind = column, suffix, train_folder, test_folder, kind
        # train_files: the train images (relative to train_folder) of a competition without a train table.
        self.zipped, self.label_column, self.train_files = zipped, label_column, train_files


def write_image(path: Path, seed: int, kind: str = "image") -> None:
    """A tiny real image in the format its extension names (the fixture grades CSVs; images are only staged), or a
    tiny sensor table for kind "other"."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind != "image" and path.suffix == ".npy":
        import numpy as np

        np.save(path, np.full((2, 4, 4), seed, dtype=np.float16))
        return
    if kind == "text":
        path.write_text(json.dumps({"cell_type": {"c0": "code"}, "source": {"c0": f"print({seed})"}}))
        return
    if kind != "image":
        path.write_text(f"sensor_1,sensor_2\n{seed},{-seed}\n")
        return
    from PIL import Image

    Image.new("RGB", (4, 4), ((seed * 37) % 256, (seed * 91) % 256, 128)).save(path)


def one_hot(rng, n, classes):
    labels = [classes[i % len(classes)] for i in range(n)]
    rng.shuffle(labels)
    return labels


def specs(mlebench: Path) -> list:
    rng = random.Random(15)
    out = []

    # spooky-author-identification: text ids, one-hot answers EAP/HPL/MWS.
    cls = classes_of(mlebench, "spooky-author-identification")
    labels = one_hot(rng, ROWS, cls)
    ids = [f"id{rng.randrange(10000, 99999)}{i}" for i in range(ROWS)]
    out.append(Spec("spooky-author-identification", "id", cls, "onehot", ["id"] + cls,
                    [[ids[i]] + [1 if c == labels[i] else 0 for c in cls] for i in range(ROWS)], ["id"] + cls))

    # random-acts-of-pizza: text ids, 0/1 answers; train/test are JSON.
    ids = [f"t3_{rng.randrange(16**5):05x}{i}" for i in range(ROWS)]
    y = [i % 3 == 0 and 1 or 0 for i in range(ROWS)]
    out.append(Spec("random-acts-of-pizza", "request_id", ["requester_received_pizza"], "prob",
                    ["request_id", "requester_received_pizza"], [[ids[i], y[i]] for i in range(ROWS)],
                    ["request_id", "requester_received_pizza"], train_name="train.json", sample_name="sampleSubmission.csv"))

    # detecting-insults-in-social-commentary: the comment text is the id; answers Insult,Date,Comment,Usage.
    words = ["you", "are", "a", "great", "idiot", "friend", "thanks", "for", "nothing", "really", "nice", "post"]
    comments = [f"\"{' '.join(rng.sample(words, 4))}, {i}\"" for i in range(ROWS)]
    y = [1 if i % 4 in (0, 1) else 0 for i in range(ROWS)]
    dates = [f"2012{(i % 12) + 1:02d}01120000Z" if i % 5 else "" for i in range(ROWS)]
    out.append(Spec("detecting-insults-in-social-commentary", "Comment", ["Insult"], "prob",
                    ["Insult", "Date", "Comment", "Usage"], [[y[i], dates[i], comments[i], "PrivateTest"] for i in range(ROWS)],
                    ["Insult", "Date", "Comment"], sample_name="sample_submission_null.csv"))

    # jigsaw-toxic-comment-classification-challenge: hex ids, six 0/1 columns, some rows all -1 (not scored).
    cls = classes_of(mlebench, "jigsaw-toxic-comment-classification-challenge")
    ids = [f"{rng.randrange(16**15):015x}{i}" for i in range(ROWS)]
    rows = []
    for i in range(ROWS):
        if i in (4, 9):
            rows.append([ids[i]] + [-1] * len(cls))
        else:
            rows.append([ids[i]] + [1 if (i + k) % 3 == 0 else 0 for k in range(len(cls))])
    out.append(Spec("jigsaw-toxic-comment-classification-challenge", "id", cls, "multilabel", ["id"] + cls, rows, ["id"] + cls))

    # leaf-classification: integer ids, 99 one-hot species columns.
    cls = classes_of(mlebench, "leaf-classification")
    leaf_rows = 6  # 99 columns: fewer rows keep the fixture small
    labels = [cls[rng.randrange(len(cls))] for _ in range(leaf_rows)]
    ids = sorted(rng.sample(range(1, 1500), leaf_rows))
    out.append(Spec("leaf-classification", "id", cls, "onehot", ["id"] + cls,
                    [[ids[i]] + [1 if c == labels[i] else 0 for c in cls] for i in range(leaf_rows)], ["id"] + cls))

    # nomad2018-predict-transparent-conductors: integer ids, two positive targets.
    ids = list(range(1, ROWS + 1))
    out.append(Spec("nomad2018-predict-transparent-conductors", "id", ["formation_energy_ev_natom", "bandgap_energy_ev"], "value",
                    ["id", "formation_energy_ev_natom", "bandgap_energy_ev"],
                    [[ids[i], round(rng.uniform(0.01, 0.4), 4), round(rng.uniform(0.5, 5.0), 4)] for i in range(ROWS)],
                    ["id", "formation_energy_ev_natom", "bandgap_energy_ev"]))

    # new-york-city-taxi-fare-prediction: datetime-like text keys; answers hold the whole test row (8 columns).
    keys = [f"2013-0{1 + i % 9}-{10 + i:02d} 1{i % 10}:2{i % 10}:00.000000{i % 7 + 1}" for i in range(ROWS)]
    out.append(Spec("new-york-city-taxi-fare-prediction", "key", ["fare_amount"], "value",
                    ["key", "fare_amount", "pickup_datetime", "pickup_longitude", "pickup_latitude", "dropoff_longitude", "dropoff_latitude", "passenger_count"],
                    [[keys[i], round(rng.uniform(3, 60), 2), keys[i][:19] + " UTC", -73.98, 40.75, -73.95, 40.77, 1 + i % 3] for i in range(ROWS)],
                    ["key", "fare_amount"], train_name="labels.csv"))

    # tabular-playground-series-dec-2021: integer ids, Cover_Type 1..7.
    ids = list(range(4000000, 4000000 + ROWS))
    out.append(Spec("tabular-playground-series-dec-2021", "Id", ["Cover_Type"], "label", ["Id", "Cover_Type"],
                    [[ids[i], 1 + (i * 5) % 7] for i in range(ROWS)], ["Id", "Cover_Type"]))

    # tabular-playground-series-may-2022: integer ids, 0/1 target.
    ids = list(range(900000, 900000 + ROWS))
    out.append(Spec("tabular-playground-series-may-2022", "id", ["target"], "prob", ["id", "target"],
                    [[ids[i], 1 if i % 3 != 1 else 0] for i in range(ROWS)], ["id", "target"]))
    # spaceship-titanic: "0013_01"-style ids, boolean target; answers are whole test rows.
    ids = [f"{i * 7 + 13:04d}_0{1 + i % 3}" for i in range(ROWS)]
    out.append(Spec("spaceship-titanic", "PassengerId", ["Transported"], "bool",
                    ["PassengerId", "HomePlanet", "CryoSleep", "Age", "Transported"],
                    [[ids[i], ["Earth", "Mars", "Europa"][i % 3], i % 4 == 0, 20.0 + i, i % 3 != 0] for i in range(ROWS)],
                    ["PassengerId", "Transported"]))

    # playground-series-s3e18: integer ids, EC1/EC2 0/1 targets scored; answers hold features and EC1..EC6.
    ids = list(range(14838, 14838 + ROWS))
    out.append(Spec("playground-series-s3e18", "id", ["EC1", "EC2"], "multilabel",
                    ["id", "BertzCT", "EC1", "EC2", "EC3", "EC4", "EC5", "EC6"],
                    [[ids[i], round(rng.uniform(10, 900), 3), 1 if i % 3 else 0, 1 if i % 4 in (0, 1) else 0, 0, 1, 0, 0] for i in range(ROWS)],
                    ["id", "EC1", "EC2"]))

    # text-normalization-challenge-*: "sentence_token" text ids (sorted as text: "10_0" < "1_0"), normalised tokens.
    for lang, prefix, tokens in [
        ("english", "en", ["the", "twelve", "1", "Mr.", "sil", "o", "a", "b c", "two thousand", "the", ".", "sil"]),
        ("russian", "ru", ["в", "двенадцать", "1", "г.", "sil", "и", "на", "по", "две тысячи", "в", ".", "sil"]),
    ]:
        ids = [f"{s}_{t}" for s in (0, 1, 10) for t in range(4)]
        out.append(Spec(f"text-normalization-challenge-{lang}-language", "id", ["after"], "text_label", ["id", "after"],
                        [[ids[i], tokens[i]] for i in range(ROWS)], ["id", "after"],
                        train_name=f"{prefix}_train.csv", sample_name=f"{prefix}_sample_submission_2.csv",
                        test_name=f"{prefix}_test_2.csv", answers_name="answers.csv"))

    # learning-agency-lab-automated-essay-scoring-2: hex essay ids, scores 1..6; answers hold the text.
    ids = [f"{rng.randrange(16**7):07x}" for _ in range(ROWS)]
    out.append(Spec("learning-agency-lab-automated-essay-scoring-2", "essay_id", ["score"], "label", ["essay_id", "full_text", "score"],
                    [[ids[i], f"essay {i}", 1 + (i * 5) % 6] for i in range(ROWS)], ["essay_id", "score"], answers_name="answers.csv"))

    # movie-review-sentiment-analysis-kernels-only: integer phrase ids, sentiment 0..4; train/test are TSV.
    ids = list(range(156061, 156061 + ROWS))
    out.append(Spec("movie-review-sentiment-analysis-kernels-only", "PhraseId", ["Sentiment"], "label",
                    ["PhraseId", "SentenceId", "Phrase", "Sentiment"],
                    [[ids[i], 8545 + i // 4, f"phrase {i}", (i * 3) % 5] for i in range(ROWS)], ["PhraseId", "Sentiment"],
                    train_name="train.tsv", test_name="test.tsv", sample_name="sampleSubmission.csv", answers_name="answers.csv"))

    # lmsys-chatbot-arena: integer ids, three one-hot winner columns; answers hold the prompts.
    cls = ["winner_model_a", "winner_model_b", "winner_tie"]
    labels = one_hot(rng, ROWS, cls)
    ids = sorted(rng.sample(range(30192, 4294947231), ROWS))
    out.append(Spec("lmsys-chatbot-arena", "id", cls, "onehot", ["id", "model_a", "model_b", "prompt"] + cls,
                    [[ids[i], "gpt-4", "llama", f"prompt {i}"] + [1 if c == labels[i] else 0 for c in cls] for i in range(ROWS)],
                    ["id"] + cls, answers_name="answers.csv"))
    # ventilator-pressure-prediction: integer ids; only rows with u_out == 0 are scored (row 0 is not).
    out.append(Spec("ventilator-pressure-prediction", "id", ["pressure"], "value",
                    ["id", "breath_id", "R", "C", "time_step", "u_in", "u_out", "pressure"],
                    [[i + 1, 1 + i // 6, 20, 50, round(0.03 * (i % 6), 4), round(rng.uniform(0, 30), 4), 1 if i % 4 == 0 else 0,
                      round(rng.uniform(5, 40), 4)] for i in range(ROWS)],
                    ["id", "pressure"]))
    # ml2021spring-hw2: ids 0..n-1, 39 phoneme classes; features are .npy arrays.
    out.append(Spec("ml2021spring-hw2", "Id", ["ClassId"], "label", ["Id", "ClassId"],
                    [[i, (i * 7) % 39] for i in range(ROWS)], ["Id", "ClassId"],
                    train_name="timit_11/timit_11/train_11.npy", test_name="timit_11/timit_11/test_11.npy",
                    sample_name="sampleSubmission.csv", answers_name="answers.csv"))

    # us-patent-phrase-to-phrase-matching: hex ids, similarity scores in quarters; answers are whole test rows.
    ids = [f"{rng.randrange(16**16):016x}" for _ in range(ROWS)]
    out.append(Spec("us-patent-phrase-to-phrase-matching", "id", ["score"], "value", ["id", "anchor", "target", "context", "score"],
                    [[ids[i], f"anchor {i % 5}", f"target {i}", f"A{i % 3 + 1}", [0.0, 0.25, 0.5, 0.75, 1.0][(i * 3) % 5]] for i in range(ROWS)],
                    ["id", "score"]))

    # google-quest-challenge: integer qa_ids, 30 rating columns (fractions in [0, 1], none constant).
    cls = classes_of(mlebench, "google-quest-challenge")
    ids = sorted(rng.sample(range(1, 9000), ROWS))
    grid = [0.0, 0.333333333333333, 0.5, 0.666666666666667, 0.777777777777778, 1.0]
    out.append(Spec("google-quest-challenge", "qa_id", cls, "value", ["qa_id"] + cls,
                    [[ids[i]] + [grid[(i + k * (i // 3) + k) % len(grid)] for k in range(len(cls))] for i in range(ROWS)], ["qa_id"] + cls))

    # champs-scalar-coupling: integer ids, the log-MAE is averaged over coupling types; answers are whole test rows.
    types = ["1JHC", "2JHH", "3JHN"]
    out.append(Spec("champs-scalar-coupling", "id", ["scalar_coupling_constant"], "value",
                    ["id", "molecule_name", "atom_index_0", "atom_index_1", "type", "scalar_coupling_constant"],
                    [[4658147 + i, f"dsgdb9nsd_0{i // 4:05d}", 1 + i % 4, 0, types[i % 3], round(rng.uniform(-10, 90), 4)] for i in range(ROWS)],
                    ["id", "scalar_coupling_constant"], answers_name="answers.csv"))

    # jigsaw-unintended-bias-in-toxicity-classification: integer ids; the submission's "prediction" meets the answers'
    # "toxicity" (fractions, thresholded at 0.5); each identity marks four consecutive rows (two toxic, two not) so
    # every subgroup, BPSN and BNSP set holds both classes; rows outside an identity are 0 or missing, as in the data.
    idents = ["male", "female", "homosexual_gay_or_lesbian", "christian", "jewish", "muslim", "black", "white",
              "psychiatric_or_mental_illness"]
    ids = list(range(7000000, 7000000 + ROWS))
    tox = [[0.0, 0.166667, 0.2, 0.4][i % 4] if i % 2 else [0.6, 0.833333, 1.0][i % 3] for i in range(ROWS)]
    rows = []
    for i in range(ROWS):
        marks = [(0.8 if (i - k) % 3 else 1.0) if (i - k) % ROWS < 4 else ("" if (i + k) % 5 == 0 else 0.0) for k in range(len(idents))]
        rows.append([ids[i], f"comment {i}", tox[i], round(tox[i] / 2, 6)] + marks)
    out.append(Spec("jigsaw-unintended-bias-in-toxicity-classification", "id", ["prediction"], "prob",
                    ["id", "comment_text", "toxicity", "severe_toxicity"] + idents, rows, ["id", "prediction"],
                    answer_of={"prediction": "toxicity"}, test_columns=["id", "comment_text"],
                    train_names={"toxicity": "target"}))

    # tweet-sentiment-extraction: hex textIDs, the selected span of each tweet (mixed case, punctuation, one word or several).
    ids = [f"{rng.randrange(16**10):010x}" for _ in range(ROWS)]
    tweets = ["I love this day", "so sad today...", "Not bad at all", "worst. service. ever", "happy happy joy",
              "meh", "Thanks for the gift!", "I`m so tired", "what a GREAT game", "ugh, Monday", "see you soon", "ok then"]
    spans = ["love", "so sad", "Not bad at all", "worst.", "happy happy joy", "meh", "Thanks", "so tired",
             "GREAT game", "ugh,", "see you soon", "ok then"]
    out.append(Spec("tweet-sentiment-extraction", "textID", ["selected_text"], "text_label",
                    ["textID", "text", "selected_text", "sentiment"],
                    [[ids[i], tweets[i], spans[i], ["positive", "negative", "neutral"][i % 3]] for i in range(ROWS)],
                    ["textID", "selected_text"]))

    # facebook-recruiting-iii-keyword-extraction: integer Ids, space-separated tags (case matters; "C#" is a tag).
    tags = ["c# .net", "python", "php mysql", "javascript jquery html", "java", "c++ stl", "python django", "linux bash",
            "sql", "ios objective-c", "r", "javascript"]
    out.append(Spec("facebook-recruiting-iii-keyword-extraction", "Id", ["Tags"], "text_label", ["Id", "Title", "Body", "Tags"],
                    [[6034197 + i, f"title {i}", f"<p>body {i}</p>", tags[i]] for i in range(ROWS)], ["Id", "Tags"]))

    # Image competitions: the answers and submissions are CSVs; tiny images sit where prepare.py writes them.
    # aerial-cactus-identification: "<hex>.jpg" ids, 0/1 has_cactus; train/ and test/ shipped only as zip archives.
    ids = [f"{rng.randrange(16**32):032x}.jpg" for _ in range(ROWS + 6)]
    out.append(Spec("aerial-cactus-identification", "id", ["has_cactus"], "prob", ["id", "has_cactus"],
                    [[ids[i], 1 if i % 3 else 0] for i in range(ROWS)], ["id", "has_cactus"], test_name=None,
                    train_table=(["id", "has_cactus"], [[ids[ROWS + i], i % 2] for i in range(6)]),
                    images=Images("id", "", "train", "test", zipped=("train", "test"))))

    # histopathologic-cancer-detection: hex ids, files <id>.tif; train_labels.csv; no test table.
    ids = [f"{rng.randrange(16**40):040x}" for _ in range(ROWS + 6)]
    out.append(Spec("histopathologic-cancer-detection", "id", ["label"], "prob", ["id", "label"],
                    [[ids[i], 1 if i % 4 in (1, 2) else 0] for i in range(ROWS)], ["id", "label"], test_name=None,
                    train_name="train_labels.csv", answers_name="answers.csv",
                    train_table=(["id", "label"], [[ids[ROWS + i], i % 2] for i in range(6)]), images=Images("id", ".tif", "train", "test")))

    # plant-pathology-2020-fgvc7: Test_<n> image ids, one-hot over four classes scored column by column; images/ holds both sets.
    cls = ["healthy", "multiple_diseases", "rust", "scab"]
    labels = one_hot(rng, ROWS, cls)
    out.append(Spec("plant-pathology-2020-fgvc7", "image_id", cls, "multilabel", ["image_id"] + cls,
                    [[f"Test_{i}"] + [1 if c == labels[i] else 0 for c in cls] for i in range(ROWS)], ["image_id"] + cls,
                    train_table=(["image_id"] + cls, [[f"Train_{i}"] + [1 if k == i % 4 else 0 for k in range(4)] for i in range(6)]),
                    images=Images("image_id", ".jpg", "images", "images")))

    # aptos2019-blindness-detection: hex id_codes, diagnosis 0..4 (quadratic kappa); files <id_code>.png.
    ids = [f"{rng.randrange(16**12):012x}" for _ in range(ROWS + 6)]
    out.append(Spec("aptos2019-blindness-detection", "id_code", ["diagnosis"], "label", ["id_code", "diagnosis"],
                    [[ids[i], (i * 3) % 5] for i in range(ROWS)], ["id_code", "diagnosis"],
                    train_table=(["id_code", "diagnosis"], [[ids[ROWS + i], i % 5] for i in range(6)]),
                    images=Images("id_code", ".png", "train_images", "test_images")))

    # dog-breed-identification: hex ids, one-hot over the 120 breeds of dogs.py; labels.csv; no test table.
    cls = classes_of(mlebench, "dog-breed-identification", "dogs", "_dogs_str")
    dog_rows = 6  # 120 columns: fewer rows keep the fixture small
    labels = [cls[rng.randrange(len(cls))] for _ in range(dog_rows)]
    ids = [f"{rng.randrange(16**32):032x}" for _ in range(dog_rows + 6)]
    out.append(Spec("dog-breed-identification", "id", cls, "onehot", ["id"] + cls,
                    [[ids[i]] + [1 if c == labels[i] else 0 for c in cls] for i in range(dog_rows)], ["id"] + cls, test_name=None,
                    train_name="labels.csv", train_table=(["id", "breed"], [[ids[dog_rows + i], cls[i * 7]] for i in range(6)]),
                    images=Images("id", ".jpg", "train", "test")))

    # paddy-disease-classification: "<n>.jpg" image ids, text labels; train images sit in train_images/<label>/.
    diseases = ["bacterial_leaf_blight", "blast", "brown_spot", "dead_heart", "downy_mildew", "hispa", "normal", "tungro"]
    rows = [[f"1{i:05d}.jpg", diseases[(i * 3) % len(diseases)], "ADT45", 45 + i] for i in range(ROWS + 6)]
    out.append(Spec("paddy-disease-classification", "image_id", ["label"], "text_label", ["image_id", "label", "variety", "age"],
                    rows[:ROWS], ["image_id", "label"], test_name=None,
                    train_table=(["image_id", "label", "variety", "age"], rows[ROWS:]),
                    images=Images("image_id", "", "train_images/{label}", "test_images", label_column="label")))

    # dogs-vs-cats-redux-kernels-edition: ids 1..n (test/<id>.jpg), label 1 for a dog; no train table: train/cat.<n>.jpg
    # and train/dog.<n>.jpg (the fixture omits the train.zip and test.zip prepare.py also leaves beside the folders).
    out.append(Spec("dogs-vs-cats-redux-kernels-edition", "id", ["label"], "prob", ["id", "label"],
                    [[i + 1, 1 if i % 3 else 0] for i in range(ROWS)], ["id", "label"], train_name=None, test_name=None,
                    answers_name="answers.csv",
                    images=Images("id", ".jpg", "train", "test", train_files=[f"{a}.{n}.jpg" for a in ("cat", "dog") for n in range(3)])))

    # plant-seedlings-classification: "<hex>.png" files, species names with spaces; no train table: train/<species>/<file>.
    species = ["Black-grass", "Charlock", "Cleavers", "Common Chickweed", "Fat Hen", "Loose Silky-bent", "Maize", "Sugar beet"]
    files = [f"{rng.randrange(16**9):09x}.png" for _ in range(ROWS + 6)]
    out.append(Spec("plant-seedlings-classification", "file", ["species"], "text_label", ["file", "species"],
                    [[files[i], species[(i * 5) % len(species)]] for i in range(ROWS)], ["file", "species"], train_name=None,
                    test_name=None, answers_name="answers.csv",
                    images=Images("file", "", "train", "test", train_files=[f"{species[i]}/{files[ROWS + i]}" for i in range(6)])))

    # invasive-species-monitoring: integer names (files <name>.jpg), 0/1 invasive; train_labels.csv; no test table.
    names = rng.sample(range(1, 3000), ROWS + 6)
    out.append(Spec("invasive-species-monitoring", "name", ["invasive"], "prob", ["name", "invasive"],
                    [[names[i], 1 if i % 3 != 2 else 0] for i in range(ROWS)], ["name", "invasive"], test_name=None,
                    train_name="train_labels.csv", answers_name="answers.csv",
                    train_table=(["name", "invasive"], [[names[ROWS + i], i % 2] for i in range(6)]), images=Images("name", ".jpg", "train", "test")))

    # siim-isic-melanoma-classification: ISIC_<n> names, 0/1 target; JPEGs in jpeg/train and jpeg/test; the test table
    # holds the patient metadata.
    meta = ["image_name", "patient_id", "sex", "age_approx", "anatom_site_general_challenge"]
    rows = [[f"ISIC_{rng.randrange(10**7):07d}", f"IP_{i % 5}", ["male", "female"][i % 2], 30.0 + 5 * (i % 8), "torso"] for i in range(ROWS + 6)]
    out.append(Spec("siim-isic-melanoma-classification", "image_name", ["target"], "prob", ["image_name", "target"],
                    [[rows[i][0], 1 if i % 4 == 1 else 0] for i in range(ROWS)], ["image_name", "target"],
                    train_table=(meta + ["diagnosis", "benign_malignant", "target"],
                                 [r + ["nevus" if i % 2 else "melanoma", "benign" if i % 2 else "malignant", 1 - i % 2] for i, r in enumerate(rows[ROWS:])]),
                    images=Images("image_name", ".jpg", "jpeg/train", "jpeg/test")))
    # The public test table is the metadata, not the answers' columns.
    out[-1].test_table = (meta, [r for r in rows[:ROWS]])

    # ranzcr-clip-catheter-line-classification: dotted UIDs, nine 0/1 classes (classes.py) scored as a mean AUC; the
    # answers and train also hold "CVC - Normal", "Swan Ganz Catheter Present" and PatientID.
    cls = classes_of(mlebench, "ranzcr-clip-catheter-line-classification")
    extra = ["CVC - Normal", "Swan Ganz Catheter Present"]
    uids = [f"1.2.826.0.1.3680043.8.498.{rng.randrange(10**12)}" for _ in range(ROWS + 6)]
    header = ["StudyInstanceUID"] + cls + extra + ["PatientID"]
    rows = [[uids[i]] + [1 if (i + k) % 3 == 0 else 0 for k in range(len(cls) + len(extra))] + [f"ec{i % 4}"] for i in range(ROWS + 6)]
    out.append(Spec("ranzcr-clip-catheter-line-classification", "StudyInstanceUID", cls, "multilabel", header, rows[:ROWS],
                    ["StudyInstanceUID"] + cls, test_name=None, train_table=(header, rows[ROWS:]),
                    images=Images("StudyInstanceUID", ".jpg", "train", "test")))

    # cassava-leaf-disease-classification: "<n>.jpg" image ids, labels 0..4; no test table.
    ids = [f"{rng.randrange(10**9)}.jpg" for _ in range(ROWS + 6)]
    out.append(Spec("cassava-leaf-disease-classification", "image_id", ["label"], "label", ["image_id", "label"],
                    [[ids[i], (i * 2) % 5] for i in range(ROWS)], ["image_id", "label"], test_name=None,
                    train_table=(["image_id", "label"], [[ids[ROWS + i], i % 5] for i in range(6)]),
                    images=Images("image_id", "", "train_images", "test_images")))

    # petfinder-pawpularity-score: hex Ids, Pawpularity 1..100 (between(1, 100) checked); twelve 0/1 metadata columns.
    flags = ["Subject Focus", "Eyes", "Face", "Near", "Action", "Accessory", "Group", "Collage", "Human", "Occlusion", "Info", "Blur"]
    ids = [f"{rng.randrange(16**32):032x}" for _ in range(ROWS + 6)]
    header = ["Id"] + flags + ["Pawpularity"]
    rows = [[ids[i]] + [(i + k) % 2 for k in range(len(flags))] + [1 + (i * 17) % 99] for i in range(ROWS + 6)]
    out.append(Spec("petfinder-pawpularity-score", "Id", ["Pawpularity"], "value", header, rows[:ROWS], ["Id", "Pawpularity"],
                    train_table=(header, rows[ROWS:]), images=Images("Id", ".jpg", "train", "test")))

    # nfl-player-contact-detection: "<game>_<play>_<step>_<player>_<player>" contact ids, 0/1 contact (MCC); no test table.
    header = ["contact_id", "game_play", "datetime", "step", "nfl_player_id_1", "nfl_player_id_2", "contact"]
    rows = []
    for i in range(ROWS + 6):
        p1, p2 = 40000 + i, 50000 + i % 4
        rows.append([f"58168_003392_{i % 5}_{p1}_{p2}", "58168_003392", "2020-09-11T03:01:48.100Z", i % 5, p1, p2, 1 if i % 3 == 0 else 0])
    out.append(Spec("nfl-player-contact-detection", "contact_id", ["contact"], "label", header, rows[:ROWS], ["contact_id", "contact"],
                    test_name=None, train_name="train_labels.csv", train_table=(header, rows[ROWS:])))

    # predict-volcanic-eruptions-ingv-oe: integer segment ids, times to eruption (MAE rounded to an integer); the features
    # are one sensor CSV per segment in train/ and test/; no test table.
    ids = rng.sample(range(10**6, 2 * 10**9), ROWS + 6)
    rows = [[ids[i], rng.randrange(10**5, 4 * 10**7)] for i in range(ROWS + 6)]
    out.append(Spec("predict-volcanic-eruptions-ingv-oe", "segment_id", ["time_to_eruption"], "value", ["segment_id", "time_to_eruption"],
                    rows[:ROWS], ["segment_id", "time_to_eruption"], test_name=None, train_table=(["segment_id", "time_to_eruption"], rows[ROWS:]),
                    images=Images("segment_id", ".csv", "train", "test", kind="other")))

    # stanford-covid-vaccine: "id_<hex>_<pos>" rows of two sequences of six positions, five targets of which three are
    # scored, and only where keep is True (the first four positions); train.json and test.json (JSON, not used here).
    cols = ["reactivity", "deg_Mg_pH10", "deg_pH10", "deg_Mg_50C", "deg_50C"]
    rows = []
    for seq in (f"id_{rng.randrange(16**9):09x}", f"id_{rng.randrange(16**9):09x}"):
        for j in range(6):
            keep = j < 4
            rows.append([f"{seq}_{j}"] + [round(rng.uniform(-0.5, 3), 6) if keep else 0.0 for _ in cols] + [keep])
    out.append(Spec("stanford-covid-vaccine", "id_seqpos", cols, "value", ["id_seqpos"] + cols + ["keep"], rows, ["id_seqpos"] + cols,
                    test_name=None, train_name="train.json"))

    # chaii-hindi-and-tamil-question-answering: hex ids, answer spans in Hindi or Tamil (one a year, one several words).
    spans = ["भारत", "1867", "चार्ल्स डार्विन", "சென்னை", "தமிழ் நாடு", "गंगा नदी", "இந்தியா", "दिल्ली", "மூன்று", "सात", "ஐந்து", "नौ"]
    ids = [f"{rng.randrange(16**9):09x}" for _ in range(ROWS)]
    out.append(Spec("chaii-hindi-and-tamil-question-answering", "id", ["PredictionString"], "text_label", ["id", "PredictionString"],
                    [[ids[i], spans[i]] for i in range(ROWS)], ["id", "PredictionString"], train_names={"PredictionString": "answer_text"}))

    # h-and-m-personalized-fashion-recommendations: hex customer ids, space-separated article ids (MAP@12); no test table.
    ids = [f"{rng.randrange(16**64):064x}" for _ in range(ROWS)]
    articles = [str(rng.randrange(108775015, 959461001)) for _ in range(30)]
    bought = [" ".join(articles[(i * 7 + j) % 30] for j in range(1 + i % 4)) for i in range(ROWS)]
    out.append(Spec("h-and-m-personalized-fashion-recommendations", "customer_id", ["prediction"], "text_label",
                    ["customer_id", "prediction"], [[ids[i], bought[i]] for i in range(ROWS)], ["customer_id", "prediction"],
                    test_name=None, train_name="transactions_train.csv", answers_name="answers.csv",
                    train_table=(["t_dat", "customer_id", "article_id", "price", "sales_channel_id"],
                                 [["2020-09-01", ids[i], articles[i], 0.0508, 2] for i in range(6)])))

    # billion-word-imputation: integer ids, sentences (Levenshtein distance); train and test zipped; the sample submission
    # is kept in private/.
    sentences = ["The cat sat on the mat .", "I ca n't believe it 's not butter !", "Prices rose 3 % in May .",
                 "\"Yes , \" she said .", "Naïve café owners smile .", "He left at 9 a.m. sharp .", "Why not ?",
                 "They bought 2 houses .", "Über cool — indeed .", "It rained all day long .", "Stocks fell sharply .",
                 "Go home now ."]
    out.append(Spec("billion-word-imputation", "id", ["sentence"], "text_label", ["id", "sentence"],
                    [[i, sentences[i]] for i in range(ROWS)], ["id", "sentence"], train_name="train_v2.txt.zip",
                    test_name="test_v2.txt.zip", sample_name="../private/sample_submission.csv",
                    train_table=(["sentence"], [[x] for x in sentences[:6]])))

    # whale-categorization-playground: "<hex>.jpg" images, whale ids or new_whale (MAP@5).
    ids = [f"{rng.randrange(16**8):08x}.jpg" for _ in range(ROWS + 6)]
    whales = ["new_whale", "w_1287fbc", "w_98baff9", "w_7554f44", "w_1eafe46", "w_693c9ee"]
    out.append(Spec("whale-categorization-playground", "Image", ["Id"], "text_label", ["Image", "Id"],
                    [[ids[i], whales[(i * 5) % len(whales)]] for i in range(ROWS)], ["Image", "Id"], test_name=None,
                    train_table=(["Image", "Id"], [[ids[ROWS + i], whales[i]] for i in range(6)]), images=Images("Image", "", "train", "test")))

    # seti-breakthrough-listen: hex ids, 0/1 target; one .npy cadence per id in train/<first character>/; no test table.
    ids = [f"{rng.randrange(16**15):015x}" for _ in range(ROWS + 6)]
    out.append(Spec("seti-breakthrough-listen", "id", ["target"], "prob", ["id", "target"],
                    [[ids[i], 1 if i % 3 == 0 else 0] for i in range(ROWS)], ["id", "target"], test_name=None,
                    train_name="train_labels.csv", train_table=(["id", "target"], [[ids[ROWS + i], i % 2] for i in range(6)]),
                    images=Images("id", ".npy", "train/{first}", "test/{first}", kind="other")))

    # AI4Code: hex notebook ids, space-separated cell orders of 2 to 6 cells (Kendall tau); one JSON notebook per id.
    ids = [f"{rng.randrange(16**14):014x}" for _ in range(ROWS + 6)]
    orders = [" ".join(f"{rng.randrange(16**8):08x}" for _ in range(2 + i % 5)) for i in range(ROWS + 6)]
    out.append(Spec("AI4Code", "id", ["cell_order"], "order", ["id", "cell_order"], [[ids[i], orders[i]] for i in range(ROWS)],
                    ["id", "cell_order"], test_name=None, train_name="train_orders.csv", answers_name="test_orders.csv",
                    train_table=(["id", "cell_order"], [[ids[ROWS + i], orders[ROWS + i]] for i in range(6)]),
                    images=Images("id", ".json", "train", "test", kind="text")))

    # JSON lines, per-trip folders, parquet batches and CT folders: scripts/mlebench_parity_layouts.py.
    sys.path.insert(0, str(Path(__file__).parent))
    import mlebench_parity_layouts

    out += mlebench_parity_layouts.specs(rng, Spec, write_csv)
    return out


def write_competition(spec: Spec, data: Path) -> None:
    prepared = data / spec.cid / "prepared"
    pub, priv = prepared / "public", prepared / "private"
    pub.mkdir(parents=True, exist_ok=True)
    write_csv(priv / spec.answers_name, spec.answers_header, spec.answers)
    idx = spec.answers_header.index(spec.id_col)
    target_idx = [spec.answers_header.index(t) for t in spec.targets if t in spec.answers_header]
    # public test: the answer rows without targets; train: the same rows with a feature (a fixture, not a task).
    test_cols = spec.test_columns or [c for c in spec.answers_header if c not in spec.targets and c != "Usage"]
    test_rows = [[r[spec.answers_header.index(c)] for c in test_cols] for r in spec.answers]
    if spec.test_name is not None:
        write_csv(pub / spec.test_name, *(spec.test_table or (test_cols, test_rows)))
    if spec.train_name is None:
        pass  # the labels are in the train images' paths
    elif spec.train_table is not None:
        write_csv(pub / spec.train_name, *spec.train_table)
    elif spec.train_name.endswith(".npy"):
        import numpy as np

        (pub / spec.train_name).parent.mkdir(parents=True, exist_ok=True)
        np.save(pub / spec.train_name, np.zeros((6, 429), dtype=np.float32))
        np.save(pub / spec.train_name.replace("train_11", "train_label_11"), np.array(["0", "1", "2", "0", "1", "2"]))
        np.save(pub / spec.test_name, np.zeros((len(spec.answers), 429), dtype=np.float32))
        (pub / "test.csv").unlink(missing_ok=True)
    elif spec.train_name.endswith(".json"):
        train = [{spec.id_col: f"train_{i}", spec.targets[0]: bool(i % 2), "request_text": "please"} for i in range(6)]
        (pub / "train.json").write_text(json.dumps(train, indent=4))
        (pub / "test.json").write_text(json.dumps([{spec.id_col: r[idx], "request_text": "hi"} for r in spec.answers], indent=4))
    else:
        train_header = [c for c in spec.answers_header if c != "Usage"] if spec.kind != "onehot" else [spec.id_col, "feature", "label"]
        if spec.kind == "onehot":
            train_rows = [[f"tr{i}", i, spec.targets[i % len(spec.targets)]] for i in range(6)]
        else:
            train_rows = [[r[spec.answers_header.index(c)] for c in train_header] for r in spec.answers[:6]]
        write_csv(pub / spec.train_name, [spec.train_names.get(c, c) for c in train_header], train_rows)
    sample = []
    for r in spec.answers:
        row = []
        for c in spec.sub_header:
            if c in spec.targets and spec.kind == "order":  # the items in another order (AI4Code: the shuffled cells)
                row.append(" ".join(reversed(str(r[spec.answer_index(c)]).split())))
            elif c in spec.targets:
                row.append({"onehot": 1.0 / len(spec.targets), "bool": False, "label": 1, "text_label": "sil", "span": ""}.get(spec.kind, 0.5))
            else:
                row.append(r[spec.answer_index(c)])
        sample.append(row)
    write_csv(pub / spec.sample_name, spec.sub_header, sample)
    (pub / "description.md").write_text(f"# {spec.cid}\n\nA parity fixture in MLE-bench's layout (not the real data).\n")
    _ = target_idx
    if spec.images is not None:
        write_images(spec, pub)
    if spec.write_files is not None:
        spec.write_files(pub, priv)


def write_images(spec: Spec, pub: Path) -> None:
    import shutil
    import zipfile

    im = spec.images
    for i, name in enumerate(im.train_files):
        write_image(pub / im.train_folder / name, i)
    header, rows = spec.train_table if spec.train_table is not None else ([im.column], [])
    if spec.train_table is None and spec.train_name is not None:
        with open(pub / spec.train_name, newline="", encoding="utf-8") as f:
            table = list(csv.reader(f))
        header, rows = table[0], table[1:]
    col = header.index(im.column)
    for i, r in enumerate(rows):
        label = str(r[header.index(im.label_column)]) if im.label_column else ""
        write_image(pub / im.train_folder.format(label=label, first=str(r[col])[0]) / f"{r[col]}{im.suffix}", i, im.kind)
    for i, r in enumerate(spec.answers):
        value = str(r[spec.answer_index(im.column)])
        write_image(pub / im.test_folder.format(first=value[0]) / f"{value}{im.suffix}", 100 + i, im.kind)
    for folder in im.zipped:  # mlebench.utils.compress: the folder's files, named relative to it; the folder removed
        with zipfile.ZipFile(pub / f"{folder}.zip", "w", zipfile.ZIP_DEFLATED) as z:
            for file in sorted((pub / folder).rglob("*")):  # a fixed date keeps the archive the same on every run
                z.writestr(zipfile.ZipInfo(file.relative_to(pub / folder).as_posix(), (2024, 1, 1, 0, 0, 0)), file.read_bytes())
        shutil.rmtree(pub / folder)


def perfect(spec: Spec) -> tuple:
    header = list(spec.sub_header)
    rows = [[r[spec.answer_index(c)] for c in header] for r in spec.answers]
    if spec.missing_prediction is not None:
        rows = [[spec.missing_prediction if v == "" else v for v in row] for row in rows]
    if spec.kind == "multilabel":
        rows = [[v if not (isinstance(v, int) and v < 0) else 0 for v in row] for row in rows]
    if spec.kind == "value":
        rows = [[float(v) if c in spec.targets else v for c, v in zip(header, row)] for row in rows]
    return header, rows


def noisy(spec: Spec, header: list, rows: list) -> list:
    rng = random.Random(sum(map(ord, spec.cid)))
    t_idx = [header.index(t) for t in spec.targets]
    out = []
    for i, row in enumerate(rows):
        row = list(row)
        if spec.kind == "onehot":
            raw = [0.5 * row[k] + 0.5 * rng.random() / len(t_idx) + 0.01 for k in t_idx]
            s = sum(raw)
            for k, v in zip(t_idx, raw):
                row[k] = v / s
        elif spec.kind in ("prob", "multilabel"):
            for k in t_idx:
                row[k] = min(1.0, max(0.0, 0.15 * row[k] + 0.85 * rng.random()))
        elif spec.kind == "value":
            for k in t_idx:
                row[k] = row[k] * (1 + 0.3 * (rng.random() - 0.5))
        elif spec.kind == "label":
            for k in t_idx:
                if i % 3 == 0:
                    row[k] = 1 + (row[k] % 7)
        elif spec.kind == "bool":
            for k in t_idx:
                if i % 3 == 0:
                    row[k] = not row[k]
        elif spec.kind == "text_label":
            for k in t_idx:
                if i % 3 == 0:
                    row[k] = row[k].upper() + "x"
        elif spec.kind == "order":  # space-separated items: every third row in another order
            for k in t_idx:
                if i % 3 == 0:
                    items = row[k].split()
                    row[k] = " ".join(items[1:] + items[:1])
        elif spec.kind == "span":  # "start:end" token spans: every third row ends one token later ("" and YES become NO)
            for k in t_idx:
                if i % 3 == 0:
                    start, _, end = row[k].partition(":")
                    row[k] = f"{start}:{int(end) + 1}" if end else "NO"
        elif spec.kind == "geo":  # degrees: a few metres off
            for k in t_idx:
                row[k] = row[k] + rng.uniform(-2e-4, 2e-4)
        out.append(row)
    return out


def numeric(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def submissions(spec: Spec) -> dict:
    header, rows = perfect(spec)
    subs = {"perfect": (header, rows)}
    n = noisy(spec, header, rows)
    t0 = header.index(spec.targets[0])
    t_idx = [header.index(t) for t in spec.targets]
    subs["noisy"] = (header, n)
    subs["shuffled_rows"] = (header, list(reversed(n)))
    subs["extra_column"] = (header + ["extra"], [r + [0.5] for r in n])
    subs["missing_rows"] = (header, n[:-1])
    subs["nan_value"] = (header, [[("" if (i == 0 and k == t0) else v) for k, v in enumerate(r)] for i, r in enumerate(n)])
    subs["text_value"] = (header, [[("abc" if (i == 0 and k == t0) else v) for k, v in enumerate(r)] for i, r in enumerate(n)])
    subs["wrong_column_names"] = ([h + "_pred" if k == t0 else h for k, h in enumerate(header)], n)
    subs["renamed_id"] = (["row_id" if h == spec.id_col else h for h in header], n)
    subs["duplicate_ids"] = (header, n[:-1] + [list(n[0])])
    order = list(reversed(range(len(header))))
    subs["permuted_columns"] = ([header[k] for k in order], [[r[k] for k in order] for r in n])
    subs["not_summing_to_one"] = (header, [[(v * 0.9 if k in t_idx and numeric(v) else v) for k, v in enumerate(r)] for r in n])
    subs["outside_unit_interval"] = (header, [[(1.5 if (i == 0 and k == t0) else v) for k, v in enumerate(r)] for i, r in enumerate(n)])
    subs["rounded_3_decimals"] = (header, [[(round(v, 3) if k in t_idx and isinstance(v, float) else v) for k, v in enumerate(r)] for r in n])
    return subs


def generate(mlebench: Path, out: Path) -> None:
    for spec in specs(mlebench):
        write_competition(spec, out / "data")
        for kind, (header, rows) in submissions(spec).items():
            write_csv(out / "submissions" / spec.cid / f"{kind}.csv", header, rows)
    print(f"fixtures written under {out}")


def add_missing_sklearn_metrics() -> None:
    import numpy as np
    import sklearn.metrics as m

    if not hasattr(m, "root_mean_squared_error"):
        def root_mean_squared_error(y_true, y_pred, **kw):
            return float(np.sqrt(m.mean_squared_error(y_true, y_pred, **kw)))
        m.root_mean_squared_error = root_mean_squared_error
    if not hasattr(m, "root_mean_squared_log_error"):
        def root_mean_squared_log_error(y_true, y_pred, **kw):
            if (np.asarray(y_true, dtype=float) < 0).any() or (np.asarray(y_pred, dtype=float) < 0).any():
                raise ValueError("Root Mean Squared Logarithmic Error cannot be used when targets contain negative values.")
            return float(np.sqrt(m.mean_squared_log_error(y_true, y_pred, **kw)))
        m.root_mean_squared_log_error = root_mean_squared_log_error


def stub_unused_modules() -> None:
    """mlebench.utils imports archive, YAML and progress-bar modules that grading never calls; stub them when absent."""
    import types

    for name in ["py7zr", "yaml", "tqdm", "tqdm.auto"]:
        try:
            importlib.import_module(name)
        except ImportError:
            module = types.ModuleType(name)
            module.tqdm = lambda *a, **k: a[0] if a else None
            sys.modules[name] = module


def expect(mlebench: Path, out: Path) -> None:
    import pandas as pd

    add_missing_sklearn_metrics()
    stub_unused_modules()
    sys.path.insert(0, str(mlebench))
    from mlebench.grade_helpers import InvalidSubmissionError  # noqa: F401  (import check)
    from mlebench.utils import load_answers

    def read(path):
        return pd.read_csv(path, float_precision="round_trip")

    expected = {}
    for comp_dir in sorted((out / "data").iterdir()):
        cid = comp_dir.name
        grade = importlib.import_module(f"mlebench.competitions.{cid}.grade").grade
        # The answers file named by the competition's config.yaml (dataset.answers: <id>/prepared/private/<file>).
        config = (mlebench / "mlebench" / "competitions" / cid / "config.yaml").read_text()
        answers_rel = next(line.split(":", 1)[1].strip() for line in config.splitlines() if line.strip().startswith("answers:"))
        # MLE-bench's loader: a CSV as read_csv above, JSON lines as a list of dicts (tensorflow2-question-answering).
        answers = load_answers(out / "data" / answers_rel) if answers_rel.endswith(".jsonl") else read(out / "data" / answers_rel)
        expected[cid] = {}
        for kind in KINDS:
            path = out / "submissions" / cid / f"{kind}.csv"
            try:
                score = grade(read(path), answers.copy())
                score = round(float(score), 5)
                # NaN or infinity (e.g. champs' log of a zero MAE): MLE-bench reports it as a valid score; AgentML's
                # reports cannot rank or serialise it and call it invalid, so it is recorded here as invalid with a note.
                valid = math.isfinite(score)
                note = "" if valid else f"score {score}: reported by MLE-bench, invalid in AgentML"
            except Exception as e:  # MLE-bench's Grader turns every exception into an invalid submission.
                score, valid, note = None, False, f"{type(e).__name__}: {str(e).splitlines()[0][:160]}"
            expected[cid][kind] = {"valid": valid, "score": score if valid else None, "mlebench_error": note}
    (out / "expected.json").write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n")
    print(f"expectations written to {out / 'expected.json'}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("command", choices=["generate", "expect"])
    p.add_argument("--mlebench", type=Path, required=True, help="a checkout of openai/mle-bench")
    p.add_argument("--out", type=Path, required=True)
    a = p.parse_args()
    if a.command == "generate":
        generate(a.mlebench, a.out)
    else:
        expect(a.mlebench, a.out)


if __name__ == "__main__":
    main()
