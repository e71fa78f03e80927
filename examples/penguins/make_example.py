"""Rebuilds this example task from the Palmer penguins data (CC0, r-cran-palmerpenguins).

Usage: /usr/bin/python3 examples/penguins/make_example.py [path/to/palmerpenguins__penguins.csv]
Split: 80 % train / 20 % test, stratified by species, seed 42.
"""
import csv
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared", "datasets", "raw", "palmerpenguins__penguins.csv")
CLASSES = ["Adelie", "Chinstrap", "Gentoo"]


def main():
    with open(SOURCE, newline="") as f:
        rows = list(csv.DictReader(f))
    features = [c for c in rows[0].keys() if c != "species"]
    rng = random.Random(42)
    test_ids = set()
    for label in CLASSES:
        ids = [i for i, r in enumerate(rows) if r["species"] == label]
        rng.shuffle(ids)
        test_ids.update(ids[: round(len(ids) * 0.2)])

    def clean(value):
        return "" if value == "NA" else value

    os.makedirs(os.path.join(HERE, "public"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "private"), exist_ok=True)
    with open(os.path.join(HERE, "public", "train.csv"), "w", newline="") as tr, \
            open(os.path.join(HERE, "public", "test.csv"), "w", newline="") as te, \
            open(os.path.join(HERE, "public", "sample_submission.csv"), "w", newline="") as ss, \
            open(os.path.join(HERE, "private", "answers.csv"), "w", newline="") as an:
        train, test, sample, answers = (csv.writer(x, lineterminator="\n") for x in (tr, te, ss, an))
        train.writerow(["id", "species"] + features)
        test.writerow(["id"] + features)
        sample.writerow(["id"] + CLASSES)
        answers.writerow(["id"] + CLASSES)
        for i, r in enumerate(rows):
            row_id = i + 1
            values = [clean(r[c]) for c in features]
            if i in test_ids:
                test.writerow([row_id] + values)
                sample.writerow([row_id] + ["0.3333333333333333"] * 3)
                answers.writerow([row_id] + [1 if r["species"] == c else 0 for c in CLASSES])
            else:
                train.writerow([row_id, r["species"]] + values)


if __name__ == "__main__":
    main()
