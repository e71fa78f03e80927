
# %% 2. Load the data
TARGETS = TASK["train_target_columns"]
# Ids and class labels are text exactly as written ("007" stays "007", "1.0" stays "1.0"): the grader compares text.
TEXT_COLUMNS = {ID: str, **({t: str for t in TARGETS} if TASK["task_type"] != "regression" else {})}


def read_table(path, **options):
    """A CSV file as many tools write it: a UTF-8 byte-order mark is dropped, a non-UTF-8 file is read as Latin-1."""
    try:
        return pd.read_csv(path, encoding="utf-8-sig", **options)
    except UnicodeDecodeError:
        return pd.read_csv(path, encoding="latin-1", **options)


train = read_table("input/train.csv", dtype=TEXT_COLUMNS)
test = read_table("input/test.csv", dtype={ID: str})
sample = read_table("input/sample_submission.csv", dtype={ID: str})
train = train.dropna(subset=TARGETS).reset_index(drop=True)
log(f"train {train.shape}, test {test.shape}, sample submission {sample.shape}")

# map@k with a number (map@5): the program scores and writes the top MAP_K classes under the name "map@k".
MAP_K = int(METRIC.split("@")[1]) if re.fullmatch(r"map@\d+", METRIC) else 3
METRIC = "map@k" if METRIC.startswith("map@") else METRIC
IS_CLASSIFICATION = TASK["task_type"] in ("binary", "multiclass", "multilabel")
IS_ORDINAL = bool(RECIPE.get("ordinal_regression")) and TASK["task_type"] == "multiclass"


def label_text(values):
    """Class labels as text, the way they appear in the CSV (1.0 -> "1")."""
    series = pd.Series(values)
    if pd.api.types.is_float_dtype(series) and np.all(np.mod(series.dropna(), 1) == 0):
        series = series.astype("Int64")
    return series.astype(str).str.strip()


def encode_target(column):
    """The target as model input: class indices (classification) or floats (regression), plus the class list."""
    if not IS_CLASSIFICATION:
        return train[column].astype(float).to_numpy(), []
    text = label_text(train[column])
    classes = sorted(text.unique())
    if TASK["task_type"] == "multilabel":
        numbers = pd.to_numeric(text, errors="coerce")
        if numbers.notna().all():
            text = label_text(numbers)  # "1.0" -> "1"
        # A label that is never (or always) on in train still has two classes: "0" and "1".
        classes = sorted(set(text) | ({"0", "1"} if set(text) <= {"0", "1"} else set()))
    if TASK["task_type"] != "multilabel":
        classes = [str(c) for c in TASK.get("classes") or classes]
        classes += sorted(set(text) - set(classes))
    positive = TASK.get("positive_label") if TASK["task_type"] == "binary" else "1"
    if len(classes) == 2 and positive in classes:
        # Order [negative, positive] so that column 1 is the submitted probability.
        classes = [c for c in classes if c != positive] + [positive]
    if IS_ORDINAL:
        classes = sorted(classes, key=lambda c: (float(c), c) if re.fullmatch(r"-?\d+(\.\d+)?", c) else (0.0, c))
    index = {c: i for i, c in enumerate(classes)}
    return text.map(index).to_numpy(), classes


# %% 3. Column roles: numeric, categorical, text, datetime (decided from the values)
FEATURES = [c for c in train.columns if c not in TARGETS and c != ID and c in test.columns]
ROLE_OVERRIDES = RECIPE.get("column_roles", {})
DATE_PATTERN = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2})?)?|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"
                          r"|^\d{1,2} [A-Za-z]{3,9},? \d{4}|^[A-Za-z]{3,9} \d{1,2},? \d{4}")
NUMBER_JUNK = re.compile(r"[,$€£%\s]")


def to_number(values):
    """Numbers, also when written as text with thousands separators, currency or percent signs ("$1,200", "45%")."""
    if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        return pd.to_numeric(values, errors="coerce").astype(float)
    return pd.to_numeric(values.astype(str).str.replace(NUMBER_JUNK, "", regex=True), errors="coerce").astype(float)


def column_role(name):
    if name in ROLE_OVERRIDES:
        return ROLE_OVERRIDES[name]
    values = pd.concat([train[name], test[name]], ignore_index=True)
    present = values.dropna()
    if len(present) == 0 or present.nunique() <= 1:
        return "drop"
    if pd.api.types.is_bool_dtype(values):
        return "numeric"
    if pd.api.types.is_numeric_dtype(values):
        return "numeric"
    text = present.astype(str)
    head = text.head(200)
    numbers = to_number(present)
    if numbers.notna().mean() > 0.95 and numbers.nunique() > 20:
        return "numeric"  # numbers written as text ("1,200", "$35", "12%") with a few stray values
    if RECIPE["features"].get("datetime_parts") and head.str.match(DATE_PATTERN).mean() > 0.9:
        return "datetime"
    words = head.str.split().str.len().mean()
    unique_share = present.nunique() / len(present)
    if RECIPE["features"].get("text") and (text.str.len().mean() > 40 or (words >= 2.5 and unique_share > 0.5)):
        return "text"
    return "categorical"


ROLES = {c: column_role(c) for c in FEATURES}
NUMERIC = [c for c in FEATURES if ROLES[c] == "numeric"]
CATEGORICAL = [c for c in FEATURES if ROLES[c] == "categorical"]
TEXT = [c for c in FEATURES if ROLES[c] == "text"]
DATETIME = [c for c in FEATURES if ROLES[c] == "datetime"]
for role in ("numeric", "categorical", "text", "datetime", "drop"):
    columns = [c for c in FEATURES if ROLES[c] == role]
    if columns:
        log(f"{role:11s} {len(columns):3d}: {', '.join(columns[:15])}{' ...' if len(columns) > 15 else ''}")
ALL = pd.concat([train[FEATURES], test[FEATURES]], ignore_index=True)
N_TRAIN = len(train)


def integer_code_columns(options):
    """Numeric columns of whole numbers whose values recur: ids of students, schools or stores, codes, ratings,
    small counts. Besides their numbers, models also see them as categories (a linear model learns one weight per
    value, trees an out-of-fold target mean), since an id's number carries no order a model could use and a
    rating's effect need not be a straight line. A value counts when it has `min_count` training rows; a column
    qualifies when it has at least `min_levels` values and such values cover half its rows."""
    if not options:
        return []
    chosen = []
    for column in NUMERIC:
        values = to_number(train[column]).dropna()
        if values.empty or (values % 1 != 0).any():
            continue
        counts = values.value_counts()
        frequent = counts[counts >= options.get("min_count", 5)]
        if len(counts) >= options.get("min_levels", 3) and frequent.sum() >= 0.5 * len(values):
            chosen.append(column)
    if chosen:
        log(f"integer codes  {len(chosen):3d}: {', '.join(chosen[:15])}{' ...' if len(chosen) > 15 else ''}")
    return chosen


CODES = integer_code_columns(RECIPE["features"].get("integer_codes"))
