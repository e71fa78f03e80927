#!/usr/bin/python3
"""Makes a Kaggle-style image task from Debian's dataset-fashion-mnist package, in MLE-bench's prepared layout.

    /usr/bin/python3 benchmarks/images/make_fashion_mnist.py OUT [--train 6000] [--test 2000] [--seed 0]

OUT/prepared/public/   train.csv (id,label), train/<id>.png, test/<id>.png, sample_submission.csv, description.md
OUT/prepared/private/  test.csv (the answers: id,label)

Train rows are a stratified subsample of the 60,000 training images, test rows of the 10,000 test images. There is
no test.csv in public/: as in MLE-bench's image competitions, the test ids are those of the sample submission.
"""
import argparse
import gzip
import hashlib
import os
import shutil

import numpy as np
from PIL import Image

SOURCE = "/usr/share/datasets/fashion-mnist"
CLASSES = ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle-boot"]
DESCRIPTION = """# Fashion item recognition

Each image is a 28x28 grey-scale photo of a fashion article from Zalando's catalogue. Predict the article type
(`label`) of each test image.

## Files
- `train.csv`: `id`, `label` for the training images; the image of a row is `train/<id>.png`.
- `test/`: the test images, `test/<id>.png`; their ids are those of `sample_submission.csv`.
- `sample_submission.csv`: `id`, `label`, one row per test image.

## Evaluation
Submissions are scored by accuracy (the share of test images whose label is right).
"""


def read_idx(name, header):
    with gzip.open(os.path.join(SOURCE, name)) as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=header)


def stratified(labels, count, rng):
    if count >= len(labels):
        return np.arange(len(labels))
    chosen = [rng.choice(np.where(labels == k)[0], size=int(round(count * np.mean(labels == k))), replace=False) for k in range(10)]
    return np.sort(np.concatenate(chosen))


def write(images, labels, indices, part, public, prefix):
    folder = os.path.join(public, part)
    os.makedirs(folder, exist_ok=True)
    rows = []
    for i in indices:
        image_id = hashlib.sha1(f"{prefix}{i}".encode()).hexdigest()[:12]
        Image.fromarray(images[i]).save(os.path.join(folder, image_id + ".png"))
        rows.append((image_id, CLASSES[labels[i]]))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out")
    parser.add_argument("--train", type=int, default=6000)
    parser.add_argument("--test", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not os.path.isdir(SOURCE):
        raise SystemExit(f"{SOURCE} not found; install it with: apt-get install dataset-fashion-mnist")
    rng = np.random.RandomState(args.seed)
    train_images = read_idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 28, 28)
    train_labels = read_idx("train-labels-idx1-ubyte.gz", 8)
    test_images = read_idx("t10k-images-idx3-ubyte.gz", 16).reshape(-1, 28, 28)
    test_labels = read_idx("t10k-labels-idx1-ubyte.gz", 8)

    prepared = os.path.join(args.out, "prepared")
    shutil.rmtree(prepared, ignore_errors=True)
    public, private = os.path.join(prepared, "public"), os.path.join(prepared, "private")
    os.makedirs(private)
    train_rows = write(train_images, train_labels, stratified(train_labels, args.train, rng), "train", public, f"{args.seed}train")
    test_rows = write(test_images, test_labels, stratified(test_labels, args.test, rng), "test", public, f"{args.seed}test")
    order = rng.permutation(len(train_rows))
    with open(os.path.join(public, "train.csv"), "w") as f:
        f.write("id,label\n" + "".join(f"{train_rows[i][0]},{train_rows[i][1]}\n" for i in order))
    with open(os.path.join(public, "sample_submission.csv"), "w") as f:
        f.write("id,label\n" + "".join(f"{image_id},{CLASSES[0]}\n" for image_id, _ in test_rows))
    with open(os.path.join(private, "test.csv"), "w") as f:
        f.write("id,label\n" + "".join(f"{image_id},{label}\n" for image_id, label in test_rows))
    with open(os.path.join(public, "description.md"), "w") as f:
        f.write(DESCRIPTION)
    print(f"{args.out}: {len(train_rows)} train and {len(test_rows)} test images (seed {args.seed})")


if __name__ == "__main__":
    main()
