namespace AgentML.Bench.Competitions;

/// <summary>
/// How MLE-bench's grade.py of one competition checks and pairs a submission (the registry's <c>grading:</c> block).
/// Each value names what the Python code does, so that an entry is written by reading its grade.py.
/// </summary>
public sealed class GradingRules
{
    /// <summary>
    /// Which columns the submission may have besides the required ones (id and targets):
    /// <c>any</c> (extra columns are ignored), <c>exact_set</c> (set(columns) must equal id + targets, or extra
    /// columns reach the metric and fail), <c>exact_count</c> (a shape check: 1 + number of targets columns).
    /// </summary>
    public string Columns { get; set; } = "any";

    /// <summary>Columns grade.py requires besides the id and the targets, though it never scores them (smartphone-decimeter-2022's UnixTimeMillis).</summary>
    public List<string> RequiredColumns { get; set; } = [];

    /// <summary>
    /// How the answers file is read: <c>csv</c> (pandas' read_csv), or <c>natural_questions_jsonl</c>
    /// (tensorflow2-question-answering: JSON lines of annotated examples, read as the table of the submission's rows,
    /// <c>&lt;example_id&gt;_long</c> and <c>_short</c>, each with its valid answers separated by spaces).
    /// </summary>
    public string Answers { get; set; } = "csv";

    /// <summary>Every target column must be one pandas reads as numbers (is_numeric_dtype): a text value anywhere fails, even in a row that is not scored.</summary>
    public bool NumericTargets { get; set; }

    /// <summary>Whether the id column is required (false where grade.py never reads it, e.g. rows paired by position).</summary>
    public bool RequireId { get; set; } = true;

    /// <summary>Whether grade.py rejects a submission whose row count differs from the answers' before scoring.</summary>
    public bool CheckRowCount { get; set; } = true;

    /// <summary>
    /// How submission rows meet answer rows: <c>match_ids</c> (both sorted by id, the sorted ids must be equal),
    /// <c>sort_by_id</c> (both sorted by id, then paired by position without comparing ids), <c>position</c> (paired
    /// in file order), <c>id_index</c> (both indexed and sorted by id; a submission id absent from the answers fails
    /// pandas' boolean mask alignment; then paired by position), <c>merge_ids</c> (the sets of ids must be equal, then
    /// answers.merge(submission, on=id): every answer row meets every submission row with its id, so a duplicated id
    /// counts twice and no row-count check applies),
    /// <c>subset_ids</c> (h-and-m: the submission's ids must include the answers'; its other rows are dropped, both are
    /// sorted by id and zipped by position without comparing ids), <c>position_within_ids</c> (smartphone-decimeter-2022:
    /// the id groups rows; each answer id needs as many submission rows, paired in file order within it),
    /// <c>within_answers</c> (osic: every submission id must be an answer id; the scored answer rows and the submission rows
    /// with their ids are both sorted by id and paired by position, counts that differ failing as NumPy broadcasting does).
    /// </summary>
    public string Rows { get; set; } = "match_ids";

    /// <summary>
    /// How submission target columns meet answer target columns: <c>by_name</c>, or <c>by_position</c> (the
    /// submission's non-id columns in file order against the answers' non-id columns in file order, as to_numpy()).
    /// </summary>
    public string Targets { get; set; } = "by_name";

    /// <summary>Every target value must lie in [0, 1] (NaN fails too).</summary>
    public bool ProbabilityRange { get; set; }

    /// <summary>When set ([min, max]), every target value must lie in it: between(min, max) (NaN and text fail), e.g. petfinder's [1, 100].</summary>
    public List<double>? ValueRange { get; set; }

    /// <summary>When set, every row's target values must sum to one: np.isclose(sum, 1, atol=tolerance) (rtol 1e-5).</summary>
    public double? RowSumTolerance { get; set; }

    /// <summary>When set, every row's target values must sum to one after rounding to this many decimals (sum.round(n).eq(1)).</summary>
    public int? RowSumDecimals { get; set; }

    /// <summary>The sum and range checks read the submission's columns after the first one (iloc[:, 1:]) rather than the targets by name.</summary>
    public bool ChecksByPosition { get; set; }

    /// <summary>Drop answer rows whose target values sum below zero, and the submission rows paired with them.</summary>
    public bool SkipNegativeAnswerRows { get; set; }

    /// <summary>
    /// When set (n), only the answer rows with a value in the first target are scored, and of those only the n of each
    /// <see cref="GroupBy"/> value with the largest week, the integer after the id's last "_" (osic: each patient's three
    /// latest measured weeks).
    /// </summary>
    public int? LatestPerGroup { get; set; }

    /// <summary>Score only the answer rows where <c>column == value</c> (and the submission rows with their ids), e.g. "u_out == 0".</summary>
    public string? ScoreAnswerRowsWhere { get; set; }

    /// <summary>
    /// How label metrics (accuracy, quadratic weighted kappa) compare values: <c>pandas</c> (NumPy ==: a number never
    /// equals text, so a label column pandas reads as text scores 0 against numeric answers; scikit-learn's target-type
    /// checks apply), <c>as_text</c> (both columns go through astype(str) first: 1.0 is "1.0", a missing value "nan"), or
    /// <c>fillna_empty</c> (as pandas, after the submission's missing labels become "": wrong, not invalid), or <c>tolist</c>
    /// (as pandas, but a text column's missing labels become "nan", as NumPy reads a list of strings and NaN).
    /// </summary>
    public string Labels { get; set; } = "pandas";

    /// <summary>
    /// grade.py's score when it is not the registry's <c>metric</c> (which is the Core metric agents optimise):
    /// <c>pearson</c> (scipy's pearsonr of one target), <c>mean_column_spearman</c> (the mean of scipy's spearmanr
    /// over the target columns; a text column is ranked as text, as NumPy sorts strings), <c>mean_log_mae_by_group</c>
    /// (the log of the MAE within each value of <see cref="GroupBy"/>, averaged), <c>jigsaw_bias_auc</c> (jigsaw-unintended-bias's
    /// final metric over <see cref="IdentityColumns"/>, on predictions and answers thresholded at 0.5), <c>mean_jaccard</c>
    /// (tweet-sentiment-extraction: the mean Jaccard index of lower-cased whitespace-separated words), <c>tag_micro_f1</c>
    /// (facebook-recruiting-iii: micro F1 over space-separated tags, tags unknown to the answers dropped), <c>mcc</c>
    /// (scikit-learn's matthews_corrcoef of labels), <c>mean_jaccard_samples</c> (chaii: jaccard_score(average="samples")
    /// of lower-cased word sets, a row empty on both sides scoring 0), <c>mean_average_precision_at_k</c> (h-and-m: MAP@k
    /// of space-separated predictions against the answers' sets, after astype(str) on both), <c>mean_levenshtein</c>
    /// (billion-word-imputation: the mean edit distance in code points; text only), <c>kendall_tau_orders</c> (AI4Code:
    /// Kendall's tau over space-separated cell orders, inversions summed over rows), <c>natural_questions_micro_f1</c>
    /// (tensorflow2-question-answering: micro F1 of answered-or-not against right-or-not per row), <c>mean_haversine_p50_p95</c>
    /// (smartphone-decimeter-2022: per <see cref="GroupBy"/> value the mean of the 50th and 95th percentile haversine
    /// distances in metres, averaged), <c>mean_angular_error</c> (icecube: the mean angle between directions given as
    /// azimuth and zenith), <c>laplace_log_likelihood</c> (osic: the modified Laplace log-likelihood of a value and its
    /// confidence). Unset: the metric itself.
    /// </summary>
    public string? Score { get; set; }

    /// <summary>
    /// The targets grade.py scores when the submission must hold more (stanford-covid-vaccine requires deg_pH10 and
    /// deg_50C but scores three columns); unset: every target is scored.
    /// </summary>
    public List<string>? ScoredColumns { get; set; }

    /// <summary>
    /// The answers' row filter (<see cref="ScoreAnswerRowsWhere"/>) reaches the submission through pandas' index alignment:
    /// submission row i (in file order) is kept when answer row i is, whatever its id; the kept rows are then paired in
    /// id order (stanford-covid-vaccine's <c>sorted_submission[sorted_answers["keep"]]</c>).
    /// </summary>
    public bool FilterSubmissionByRowPosition { get; set; }

    /// <summary>grade.py returns int(round(score)) (predict-volcanic-eruptions-ingv-oe's MAE): Python's round, half to even.</summary>
    public bool RoundScoreToInteger { get; set; }

    /// <summary>The k of <c>score: mean_average_precision_at_k</c> (h-and-m: 12).</summary>
    public int? K { get; set; }

    /// <summary>The answers' column whose values group the rows of <c>score: mean_log_mae_by_group</c> or <c>mean_haversine_p50_p95</c>, or of <see cref="LatestPerGroup"/> (e.g. champs' "type").</summary>
    public string? GroupBy { get; set; }

    /// <summary>The answers' names of the target columns, in the targets' order, where they differ from the submission's (jigsaw-unintended-bias: prediction against toxicity).</summary>
    public List<string>? AnswerTargetColumns { get; set; }

    /// <summary>A submission may name its targets as the answers do (<see cref="AnswerTargetColumns"/>) instead.</summary>
    public bool AcceptAnswerTargetNames { get; set; }

    /// <summary>The answers' identity columns of <c>score: jigsaw_bias_auc</c> (subgroup, BPSN and BNSP AUCs per identity).</summary>
    public List<string> IdentityColumns { get; set; } = [];

    /// <summary>The MLE-bench source file these rules were read from (for the record).</summary>
    public string Source { get; set; } = "";
}
