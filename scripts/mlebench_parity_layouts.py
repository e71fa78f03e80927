"""Parity fixtures whose public or private files are not one CSV table per role (used by mlebench_parity.py).

Each spec's `write_files(pub, priv)` writes, after the generic writer, what prepare.py writes besides the CSVs:
JSON lines (tensorflow2-question-answering, whose answers are the JSONL itself), per-trip folders
(smartphone-decimeter-2022), parquet batches (icecube-neutrinos-in-deep-ice) and per-patient CT folders
(osic-pulmonary-fibrosis-progression). Files the grader never reads (parquet, DICOM) are small placeholders: the
fixture grades CSVs and only stages the rest.
"""
import json
import math
from pathlib import Path


def specs(rng, Spec, write_csv) -> list:
    return [natural_questions(rng, Spec, write_csv), smartphone(rng, Spec, write_csv), icecube(rng, Spec, write_csv),
            osic(rng, Spec, write_csv)]


def write_jsonl(path: Path, records: list) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def placeholder(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"placeholder: {text} (a parity fixture, not the real file)\n")


def natural_questions(rng, Spec, write_csv):
    """tensorflow2-question-answering: the answers are private/test.jsonl (one annotation per example); the submission
    has an <id>_short and an <id>_long row per example. Spans, a YES, several short answers, and examples with none."""
    ids = [str(rng.randrange(-2**63, 2**63)) for _ in range(9)]
    # (long span or None, short spans, yes_no_answer) per test example.
    truth = [((10, 50), [(12, 14)], "NONE"), ((100, 180), [], "YES"), (None, [], "NONE"),
             ((5, 40), [(7, 9), (20, 22)], "NONE"), ((60, 90), [], "NONE"), ((0, 30), [(3, 5)], "NONE")]

    def record(example_id, long, shorts, yes_no, labelled=True):
        doc = " ".join(f"w{k}" for k in range(200))
        r = {"example_id": example_id, "question_text": f"question {example_id[-3:]}", "document_text": doc,
             "long_answer_candidates": [{"start_token": 0, "end_token": 30, "top_level": True}]}
        if labelled:
            start, end = long or (-1, -1)
            r["annotations"] = [{"yes_no_answer": yes_no, "long_answer": {"start_token": start, "end_token": end,
                                 "candidate_index": 0 if long else -1},
                                 "short_answers": [{"start_token": s, "end_token": e} for s, e in shorts],
                                 "annotation_id": rng.randrange(10**19)}]
        return r

    gold = []  # prepare.py's gold submission: the short answer (YES/NO first, else the first span), then the long one
    for example_id, (long, shorts, yes_no) in zip(ids, truth):
        short = yes_no if yes_no != "NONE" else (f"{shorts[0][0]}:{shorts[0][1]}" if shorts else "")
        gold.append([f"{example_id}_short", short])
        gold.append([f"{example_id}_long", f"{long[0]}:{long[1]}" if long else ""])

    def write_files(pub, priv):
        tests = [record(i, *t) for i, t in zip(ids, truth)]
        write_jsonl(priv / "test.jsonl", tests)
        write_jsonl(pub / "simplified-nq-test.jsonl", [record(i, *t, labelled=False) for i, t in zip(ids, truth)])
        write_jsonl(pub / "simplified-nq-train.jsonl", [record(i, (1, 9), [(2, 4)], "NONE") for i in ids[6:]])

    spec = Spec("tensorflow2-question-answering", "example_id", ["PredictionString"], "span", ["example_id", "PredictionString"],
                gold, ["example_id", "PredictionString"], train_name=None, test_name=None, answers_name="gold_submission.csv")
    spec.write_files = write_files
    return spec


def smartphone(rng, Spec, write_csv):
    """smartphone-decimeter-2022: private/test.csv concatenates the test trips' ground truth (tripId = drive-phone);
    public/train and public/test hold one folder per drive and phone (test without ground_truth.csv)."""
    header = ["tripId", "UnixTimeMillis", "LatitudeDegrees", "LongitudeDegrees"]
    test_trips = [("2021-04-29-US-MTV-1", "GooglePixel4"), ("2021-04-29-US-MTV-1", "SamsungGalaxyS20Ultra"),
                  ("2021-12-07-US-LAX-1", "XiaomiMi8")]
    rows = []
    for drive, phone in test_trips:
        lat, lon = 37.4 + rng.random() / 100, -122.08 + rng.random() / 100
        for k in range(4):
            rows.append([f"{drive}-{phone}", 1619729000000 + 1000 * k, round(lat + k * 1e-4, 9), round(lon + k * 2e-4, 9)])

    def write_files(pub, priv):
        gnss = (["utcTimeMillis", "Svid", "Cn0DbHz"], [[1619729000000, 5, 31.2]])
        for drive, phone in test_trips:
            write_csv(pub / "test" / drive / phone / "device_gnss.csv", *gnss)
        write_csv(pub / "train" / "2020-05-15-US-MTV-1" / "GooglePixel4" / "device_gnss.csv", *gnss)
        write_csv(pub / "train" / "2020-05-15-US-MTV-1" / "GooglePixel4" / "ground_truth.csv",
                  ["MessageType", "Provider", "LatitudeDegrees", "LongitudeDegrees", "UnixTimeMillis"],
                  [["Fix", "GT", 37.416, -122.082, 1589570000000]])
        write_csv(pub / "metadata" / "constellation_type_mapping.csv", ["ConstellationType", "ConstellationName"], [[1, "GPS"]])
        # prepare.py's sample submission: the answers with one fixed position.
        write_csv(pub / "sample_submission.csv", header, [r[:2] + [37.904611315634504, -86.48107806249548] for r in rows])

    spec = Spec("smartphone-decimeter-2022", "tripId", ["LatitudeDegrees", "LongitudeDegrees"], "geo", header, rows, header,
                train_name=None, test_name=None)
    spec.write_files = write_files
    return spec


def icecube(rng, Spec, write_csv):
    """icecube-neutrinos-in-deep-ice: private/test.csv holds event_id, azimuth, zenith; the events are parquet batches."""
    ids = sorted(rng.sample(range(24, 3 * 10**6), 12))
    rows = [[i, round(rng.uniform(0, 2 * math.pi), 6), round(rng.uniform(0, math.pi), 6)] for i in ids]

    def write_files(pub, priv):
        for name in ["train_meta.parquet", "test_meta.parquet", "train/batch_1.parquet", "test/batch_2.parquet"]:
            placeholder(pub / name, "parquet")
        write_csv(pub / "sensor_geometry.csv", ["sensor_id", "x", "y", "z"], [[0, -256.14, -521.08, 496.03], [1, -256.14, -521.08, 479.01]])
        write_csv(pub / "sample_submission.csv", ["event_id", "azimuth", "zenith"], [[r[0], 1, 1] for r in rows])

    spec = Spec("icecube-neutrinos-in-deep-ice", "event_id", ["azimuth", "zenith"], "value", ["event_id", "azimuth", "zenith"], rows,
                ["event_id", "azimuth", "zenith"], train_name=None, test_name=None)
    spec.write_files = write_files
    return spec


def osic(rng, Spec, write_csv):
    """osic-pulmonary-fibrosis-progression: private/test.csv has a row for every test patient and week between the
    test set's first and last week (FVC missing where nothing was measured); only each patient's three latest measured
    weeks are scored. Patient A was measured in weeks -2, 0, 1 (all scored), B in -1, 1, 2, 3 (-1 not scored)."""
    patients = {"ID00419637202311204720264": [-2, 0, 1], "ID00421637202311550012437": [-1, 1, 2, 3]}
    header = ["Patient", "Weeks", "FVC", "Percent", "Age", "Sex", "SmokingStatus", "Patient_Week", "Confidence"]
    rows = []
    for p, (patient, weeks) in enumerate(patients.items()):
        for week in range(-2, 4):
            fvc = rng.randrange(2000, 3500) if week in weeks else ""
            measured = [round(fvc / 30.0, 6), 60 + p, ["Male", "Female"][p], "Ex-smoker"] if fvc != "" else ["", "", "", ""]
            rows.append([patient, week, fvc] + measured + [f"{patient}_{week}", 100])

    def write_files(pub, priv):
        train = [[f"ID0042563720231155001{k:04d}", w, 2500 + 10 * w, 70.5, 65, "Male", "Never smoked"] for k in range(2) for w in (0, 5, 9)]
        write_csv(pub / "train.csv", header[:7], train)
        write_csv(pub / "test.csv", header[:7], [next(r[:7] for r in rows if r[0] == patient and r[2] != "") for patient in patients])
        write_csv(pub / "sample_submission.csv", ["Patient_Week", "FVC", "Confidence"], [[r[7], 2000, 100] for r in rows])
        for folder, names in [("train", sorted({r[0] for r in train})), ("test", list(patients))]:
            for patient in names:
                placeholder(pub / folder / patient / "1.dcm", "DICOM")

    spec = Spec("osic-pulmonary-fibrosis-progression", "Patient_Week", ["FVC", "Confidence"], "value", header, rows,
                ["Patient_Week", "FVC", "Confidence"], train_name=None, test_name=None)
    spec.missing_prediction = 2000.0  # a full submission predicts every week; the unmeasured ones are not scored
    spec.write_files = write_files
    return spec
