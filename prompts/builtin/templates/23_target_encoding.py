
from sklearn.model_selection import KFold


def target_encoding(columns, train_rows, apply_rows, y_matrix, smoothing=20.0, inner_folds=5):
    """Out-of-fold target means of categorical columns (smoothed towards the global mean).

    Rows used for fitting get values from inner folds that exclude them, so no row sees its own label.
    Returns (features for train_rows, features for apply_rows)."""
    codes = {c: ALL[c].astype(str).where(ALL[c].notna(), "__missing__").to_numpy() for c in columns}
    n_targets = y_matrix.shape[1]

    def encode(fit_rows, rows):
        out = np.zeros((len(rows), len(columns) * n_targets))
        prior = y_matrix[fit_rows].mean(axis=0)
        for j, column in enumerate(columns):
            stats = pd.DataFrame(y_matrix[fit_rows], columns=range(n_targets))
            stats["key"] = codes[column][fit_rows]
            grouped = stats.groupby("key")
            sums, counts = grouped.sum(), grouped.size()
            smooth = (sums.to_numpy() + smoothing * prior) / (counts.to_numpy()[:, None] + smoothing)
            table = pd.DataFrame(smooth, index=sums.index)
            looked = table.reindex(codes[column][rows]).to_numpy()
            looked = np.where(np.isnan(looked), prior, looked)
            out[:, j * n_targets:(j + 1) * n_targets] = looked
        return out

    train_rows = np.asarray(train_rows)
    fitted = np.zeros((len(train_rows), len(columns) * n_targets))
    for inner_fit, inner_apply in KFold(inner_folds, shuffle=True, random_state=SEED).split(train_rows):
        fitted[inner_apply] = encode(train_rows[inner_fit], train_rows[inner_apply])
    return fitted, encode(train_rows, np.asarray(apply_rows))
