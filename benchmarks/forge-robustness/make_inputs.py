#!/usr/bin/env python3
"""Writes awkward raw inputs for `agentml forge`, one case per subfolder of OUT (derived from the shared raw CSVs
where possible). Run with Debian's python: /usr/bin/python3 make_inputs.py OUT [--big-rows N]."""
import argparse, csv, gzip, io, os, random, shutil
import numpy as np
import pandas as pd

RAW = "/work/shared/datasets/raw"


def raw(name):
    return pd.read_csv(os.path.join(RAW, name))


def case(out, name):
    path = os.path.join(out, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--big-rows", type=int, default=500_000)
    a = ap.parse_args()
    out = a.out
    rng = np.random.default_rng(0)
    credit = raw("modeldata__credit_data.csv")
    penguins = raw("palmerpenguins__penguins.csv")
    concrete = raw("modeldata__concrete.csv")
    diamonds = raw("ggplot2__diamonds.csv").sample(3000, random_state=0).reset_index(drop=True)
    titanic = raw("stablelearner__titanic.csv")

    # --- delimiters and encodings ---
    credit.to_csv(os.path.join(case(out, "semicolon"), "credit.csv"), sep=";", index=False, decimal=",")
    credit.to_csv(os.path.join(case(out, "tsv"), "credit.tsv"), sep="\t", index=False)
    credit.to_csv(os.path.join(case(out, "tab-in-csv"), "credit.csv"), sep="\t", index=False)
    credit.to_csv(os.path.join(case(out, "pipe"), "credit.csv"), sep="|", index=False)
    with open(os.path.join(case(out, "bom"), "penguins.csv"), "w", encoding="utf-8-sig") as f:
        penguins.to_csv(f, index=False)
    t = titanic.copy()
    t["country"] = t["country"].replace({"Sweden": "Sverige Malmö", "France": "Frânce"})
    t["name"] = t["name"].str.encode("latin-1", "replace").str.decode("latin-1")
    t.to_csv(os.path.join(case(out, "latin1"), "titanic.csv"), index=False, encoding="latin-1")
    p = penguins.copy()
    p["note"] = [f"bird {i},\nseen on \"{isl}\"; ok" for i, isl in enumerate(p["island"])]
    p.to_csv(os.path.join(case(out, "quoted-newlines"), "penguins.csv"), index=False)
    penguins.to_csv(os.path.join(case(out, "crlf"), "penguins.csv"), index=False, lineterminator="\r\n")
    credit.to_csv(os.path.join(case(out, "gzip"), "credit.csv.gz"), index=False, compression="gzip")
    try:
        credit.to_parquet(os.path.join(case(out, "parquet"), "credit.parquet"), index=False)
    except ImportError:  # no parquet engine in this python: tests/AgentML.Forge.Tests/ParquetInputTests covers Parquet
        shutil.rmtree(os.path.join(out, "parquet"))
        print("parquet skipped: no pyarrow/fastparquet")

    # --- headers ---
    d = penguins.copy(); d.columns = ["species", "island", "size", "size", "flipper_length_mm", "body_mass_g", "sex", "year"]
    d.to_csv(os.path.join(case(out, "dup-header"), "penguins.csv"), index=False)
    d = penguins.copy(); d.columns = ["species", "island", "", "bill_depth_mm", "", "body_mass_g", "sex", "year"]
    d.to_csv(os.path.join(case(out, "empty-header"), "penguins.csv"), index=False)
    d = penguins.copy(); d.columns = ["Species name", "île", "bill.length (mm)", "bill.depth", "Flipper Länge", "body mass/g", "sex?", "year #"]
    d.to_csv(os.path.join(case(out, "odd-names"), "penguins.csv"), index=False)
    concrete.to_csv(os.path.join(case(out, "no-header"), "concrete.csv"), index=False, header=False)
    penguins.dropna().to_csv(os.path.join(case(out, "no-header-text"), "penguins.csv"), index=False, header=False)

    # --- values ---
    d = diamonds.copy()
    d["price"] = [f"${v:,.2f}" for v in d["price"]]
    d["carat"] = [f"{v:,.2f}" for v in d["carat"] * 1000]
    d["depth"] = [f"{v:.1f}%" for v in d["depth"]]
    d.to_csv(os.path.join(case(out, "money-percent"), "diamonds.csv"), index=False)
    d = diamonds.copy()  # French and Swiss formats: "3 800,50 €" in a semicolon file, "1'234.5" in a comma file
    d["price"] = [f"{v:,.2f} €".replace(",", "\u00a0").replace(".", ",") for v in d["price"]]
    d["carat"] = [f"{v:.3f}".replace(".", ",") for v in d["carat"]]
    d.to_csv(os.path.join(case(out, "space-grouped"), "diamonds.csv"), sep=";", index=False)
    d = diamonds.copy()
    d["price"] = [f"{v:,.1f}".replace(",", "'") for v in d["price"]]
    d.to_csv(os.path.join(case(out, "apostrophe-grouped"), "diamonds.csv"), index=False)
    d = credit.copy()
    tokens = ["NA", "n/a", "?", "-", "", "N/A", "null"]
    for c in ["Income", "Assets", "Debt", "Home"]:
        m = rng.random(len(d)) < 0.08
        d[c] = d[c].astype(object)
        d.loc[m, c] = [tokens[i % len(tokens)] for i in range(m.sum())]
    d["Records"] = d["Records"].map({"no": "No", "yes": "Yes"})
    d["flag"] = np.where(rng.random(len(d)) < 0.4, "TRUE", "FALSE")
    d["mostly_missing"] = np.where(rng.random(len(d)) < 0.95, "NA", rng.integers(0, 100, len(d)).astype(str))
    d["constant"] = "same"
    d["constant_num"] = 7
    d["customer_id"] = [f"C-{i:06d}" for i in rng.permutation(len(d))]
    base = pd.Timestamp("2015-01-01")
    dates = [base + pd.Timedelta(days=int(x)) for x in rng.integers(0, 2000, len(d))]
    d["opened_iso"] = [x.strftime("%Y-%m-%d") for x in dates]
    d["opened_us"] = [x.strftime("%m/%d/%Y") for x in dates]
    d["opened_eu"] = [x.strftime("%d.%m.%Y %H:%M") for x in dates]
    d.to_csv(os.path.join(case(out, "messy-values"), "credit.csv"), index=False)

    # --- shapes ---
    penguins.head(60).to_csv(os.path.join(case(out, "few-rows"), "penguins.csv"), index=False)
    penguins.head(30).to_csv(os.path.join(case(out, "very-few-rows"), "penguins.csv"), index=False)
    n = 2000
    X = rng.normal(size=(n, 299))
    y = (X[:, :5].sum(1) + rng.normal(scale=1.5, size=n) > 0).astype(int)
    w = pd.DataFrame(X.round(4), columns=[f"f{i:03d}" for i in range(299)]); w["label"] = y
    w.to_csv(os.path.join(case(out, "wide-300"), "wide.csv"), index=False)
    concrete[["age", "compressive_strength"]].to_csv(os.path.join(case(out, "single-feature"), "concrete.csv"), index=False)
    titanic[["name", "gender", "class", "embarked", "country", "survived"]].to_csv(os.path.join(case(out, "text-only"), "titanic.csv"), index=False)
    # no usable target: ids, free text and constants only
    k = 500
    pd.DataFrame({"id": range(k), "uuid": [f"u{rng.integers(1e12)}" for _ in range(k)],
                  "comment": [" ".join(rng.choice(["alpha", "beta", "gamma", "delta", "eps", "zeta"], 12)) + f" #{i}" for i in range(k)],
                  "const": 1}).to_csv(os.path.join(case(out, "no-target"), "junk.csv"), index=False)

    # --- targets ---
    n = 8000
    X = rng.normal(size=(n, 6))
    logit = X[:, 0] * 1.5 + X[:, 1] - 4.6
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    d = pd.DataFrame(X.round(3), columns=[f"x{i}" for i in range(6)]); d["fraud"] = y
    d.to_csv(os.path.join(case(out, "imbalanced"), "fraud.csv"), index=False)
    n = 3000
    X = rng.normal(size=(n, 5))
    s = X[:, 0] + 0.7 * X[:, 1] + rng.normal(scale=0.7, size=n)
    d = pd.DataFrame(X.round(3), columns=[f"q{i}" for i in range(5)]); d["rating"] = np.digitize(s, np.quantile(s, [0.1, 0.3, 0.7, 0.9])) + 1
    d.to_csv(os.path.join(case(out, "ordinal"), "ratings.csv"), index=False)
    X = rng.normal(size=(n, 5))
    d = pd.DataFrame(X.round(3), columns=[f"z{i}" for i in range(5)]); d["amount"] = np.exp(1 + X[:, 0] + 0.5 * X[:, 1] + rng.normal(scale=0.8, size=n)).round(2)
    d.to_csv(os.path.join(case(out, "skewed"), "amounts.csv"), index=False)
    n = 6000
    centers = rng.normal(scale=3, size=(50, 8))
    lab = rng.integers(0, 50, n)
    X = centers[lab] + rng.normal(size=(n, 8))
    d = pd.DataFrame(X.round(3), columns=[f"m{i}" for i in range(8)]); d["kind"] = [f"k{v:02d}" for v in lab]
    d.to_csv(os.path.join(case(out, "many-classes"), "kinds.csv"), index=False)
    p = penguins.copy()
    p.loc[0, "island"] = "Atlantis"; p.loc[1, "island"] = "Lemuria"; p.loc[2, "island"] = "Lemuria"
    p.to_csv(os.path.join(case(out, "rare-classes"), "penguins.csv"), index=False)

    # --- bad input ---
    open(os.path.join(case(out, "empty-file"), "empty.csv"), "w").close()
    with open(os.path.join(case(out, "header-only"), "h.csv"), "w") as f:
        f.write("a,b,c\n")
    with open(os.path.join(case(out, "binary"), "image.csv"), "wb") as f:
        f.write(bytes(rng.integers(0, 256, 4096, dtype=np.uint8)))
    case(out, "empty-folder")
    with open(os.path.join(case(out, "no-data-folder"), "readme.txt"), "w") as f:
        f.write("nothing here\n")
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb") as g:
        g.write(credit.to_csv(index=False).encode())
    with open(os.path.join(case(out, "truncated-gzip"), "credit.csv.gz"), "wb") as f:
        f.write(buf.getvalue()[: len(buf.getvalue()) // 2])
    lines = penguins.to_csv(index=False).splitlines()
    lines[120] = lines[120] + ",extra"
    lines[200] = ",".join(lines[200].split(",")[:-2])
    with open(os.path.join(case(out, "ragged"), "penguins.csv"), "w") as f:
        f.write("\n".join(lines) + "\n")
    # a folder mixing one good and one bad file: the bad one is skipped with its reason
    path = case(out, "mixed-folder")
    penguins.to_csv(os.path.join(path, "penguins.csv"), index=False)
    open(os.path.join(path, "empty.csv"), "w").close()

    # --- big ---
    if a.big_rows > 0:
        n = a.big_rows
        X = rng.normal(size=(n, 16)).round(4)
        d = pd.DataFrame(X, columns=[f"v{i:02d}" for i in range(16)])
        d["region"] = rng.choice(["north", "south", "east", "west", "centre"], n)
        d["channel"] = rng.choice(["web", "store", "phone"], n)
        d["spend"] = np.exp(2 + 0.5 * X[:, 0] + 0.3 * X[:, 1] + rng.normal(scale=0.5, size=n)).round(2)
        d["churn"] = (X[:, 2] + 0.8 * X[:, 3] + rng.normal(size=n) > 1.2).astype(int)
        d.to_csv(os.path.join(case(out, "big"), "big.csv"), index=False)


if __name__ == "__main__":
    main()
