

def datetime_parts():
    """Calendar parts of every datetime column, plus days since the earliest date."""
    parts = {}
    for column in DATETIME:
        stamp = pd.to_datetime(ALL[column], errors="coerce", utc=True)  # utc: mixed offsets stay one dtype
        parts[f"{column}__year"] = stamp.dt.year
        parts[f"{column}__month"] = stamp.dt.month
        parts[f"{column}__day"] = stamp.dt.day
        parts[f"{column}__dayofweek"] = stamp.dt.dayofweek
        parts[f"{column}__dayofyear"] = stamp.dt.dayofyear
        if (stamp.dt.hour.fillna(0) != 0).any():
            parts[f"{column}__hour"] = stamp.dt.hour
        parts[f"{column}__days"] = (stamp - stamp.min()).dt.total_seconds() / 86400.0
    return pd.DataFrame(parts, index=ALL.index).astype(float)
