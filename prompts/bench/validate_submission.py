"""Checks a submission's format against the competition's sample submission; never grades it.

Usage: python validate_submission.py [submission.csv]
Defaults: $SUBMISSION_DIR/submission.csv, compared with $SAMPLE_SUBMISSION (else $DATA_DIR/sample_submission.csv);
the id column is $ID_COLUMN (else the sample submission's first column).
Checks: the file exists and ends in .csv; the same columns as the sample submission; the same ids, each once;
no empty or NaN prediction; numbers where the sample submission has numbers.
Exit code 0 and "Submission is valid." when it passes; exit code 1 and the reasons otherwise.
It reads only public files: answers are never available here, so it cannot reveal a score.
"""
import csv
import math
import os
import sys

csv.field_size_limit(2**31 - 1)


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows:
        raise ValueError(f"{path} is empty")
    return rows[0], rows[1:]


def is_number(text):
    try:
        return not math.isnan(float(text))
    except ValueError:
        return False


def problems(submission_path, sample_path, id_col=None):
    if not submission_path.endswith(".csv"):
        yield f"the submission must be a .csv file, got {submission_path}"
        return
    if not os.path.isfile(submission_path):
        yield f"no submission at {submission_path}"
        return
    header, rows = read(submission_path)
    sample_header, sample_rows = read(sample_path)
    missing = [c for c in sample_header if c not in header]
    extra = [c for c in header if c not in sample_header]
    if missing:
        yield f"missing columns: {', '.join(missing)}"
    if extra:
        yield f"unexpected columns: {', '.join(extra)}"
    if missing:
        return
    if len(rows) != len(sample_rows):
        yield f"expected {len(sample_rows)} rows, got {len(rows)}"
    id_col = id_col if id_col in sample_header else sample_header[0]
    idx = {c: header.index(c) for c in sample_header}
    ids = [r[idx[id_col]] if len(r) > idx[id_col] else "" for r in rows]
    sample_id = sample_header.index(id_col)
    expected = set(r[sample_id] for r in sample_rows if len(r) > sample_id)
    seen = set()
    duplicates = [i for i in ids if i in seen or seen.add(i)]
    if duplicates:
        yield f"{len(duplicates)} duplicate ids, e.g. {duplicates[0]!r}"
    unknown = [i for i in set(ids) if i not in expected]
    if unknown:
        yield f"{len(unknown)} ids not in the test set, e.g. {sorted(unknown)[0]!r}"
    absent = expected - set(ids)
    if absent:
        yield f"{len(absent)} test ids missing, e.g. {sorted(absent)[0]!r}"
    numeric = {c: bool(sample_rows) and all(is_number(r[j]) for r in sample_rows[:100] if len(r) > j)
               for j, c in enumerate(sample_header)}
    for c in [c for c in sample_header if c != id_col]:
        j = idx[c]
        for n, r in enumerate(rows, start=2):
            value = r[j].strip() if len(r) > j else ""
            if value == "" or value.lower() == "nan":
                yield f"line {n}: column {c} is empty or NaN"
                break
            if numeric[c] and not is_number(value):
                yield f"line {n}: column {c} should be a number, got {value!r}"
                break


def main():
    submission_dir = os.environ.get("SUBMISSION_DIR", "submission")
    submission = sys.argv[1] if len(sys.argv) > 1 else os.path.join(submission_dir, "submission.csv")
    sample = os.environ.get("SAMPLE_SUBMISSION") or os.path.join(os.environ.get("DATA_DIR", "data"), "sample_submission.csv")
    try:
        found = list(problems(submission, sample, os.environ.get("ID_COLUMN")))
    except (OSError, ValueError, csv.Error) as e:
        found = [str(e)]
    if found:
        print("Submission is invalid:")
        for p in found:
            print(" - " + p)
        sys.exit(1)
    print("Submission is valid.")


if __name__ == "__main__":
    main()
