using System.Text.Json.Nodes;

namespace AgentML.Agents.Builtin;

/// <summary>
/// The thresholds of the size, feature, target and class observations: the <c>observations:</c> section of
/// prompts/builtin/ideas.yaml, the only place they are written.
/// </summary>
public sealed record ObservationThresholds
{
    public const string Section = "observations";

    /// <summary>tiny: fewer training rows than this.</summary>
    public required double TinyRows { get; init; }

    /// <summary>small: fewer training rows than this; large: at least this many.</summary>
    public required double SmallRows { get; init; }

    /// <summary>huge: at least this many training rows.</summary>
    public required double HugeRows { get; init; }

    /// <summary>wide: more feature columns than this.</summary>
    public required double WideFeatures { get; init; }

    /// <summary>many-classes: more classes than this.</summary>
    public required double ManyClasses { get; init; }

    /// <summary>imbalanced: the smallest class's share of the rows is below this, divided by half the class count.</summary>
    public required double ImbalancedShare { get; init; }

    /// <summary>rare-classes: a class with fewer rows than this.</summary>
    public required double RareClassRows { get; init; }

    /// <summary>high-cardinality: a categorical column with more levels than this.</summary>
    public required double HighCardinality { get; init; }

    /// <summary>integer-codes: a numeric column of whole numbers with at least this many distinct values ...</summary>
    public required double IntegerCodeLevels { get; init; }

    /// <summary>... each value held by at least this many rows on average (the values recur: ids, codes, ages).</summary>
    public required double IntegerCodeRows { get; init; }

    /// <summary>has-long-text: a text column whose mean length exceeds this many characters.</summary>
    public required double LongTextChars { get; init; }

    /// <summary>low-dim-numeric: at most this many features, all numeric.</summary>
    public required double LowDimNumeric { get; init; }

    /// <summary>target-skewed-positive: a non-negative regression target whose skewness exceeds this.</summary>
    public required double SkewedTarget { get; init; }

    /// <summary>Reads the section; every key is required.</summary>
    public static ObservationThresholds Parse(JsonObject? section, string source)
    {
        if (section is null)
        {
            throw new UserFacingException($"{source}: the section '{Section}:' (the observations' thresholds) is missing or malformed.");
        }

        double Read(string key) => JsonPatch.Number(section[key])
            ?? throw new UserFacingException($"{source}: '{Section}:' needs a number for '{key}'.");
        return new ObservationThresholds
        {
            TinyRows = Read("tiny_rows"),
            SmallRows = Read("small_rows"),
            HugeRows = Read("huge_rows"),
            WideFeatures = Read("wide_features"),
            ManyClasses = Read("many_classes"),
            ImbalancedShare = Read("imbalanced_share"),
            RareClassRows = Read("rare_class_rows"),
            HighCardinality = Read("high_cardinality"),
            IntegerCodeLevels = Read("integer_code_levels"),
            IntegerCodeRows = Read("integer_code_rows"),
            LongTextChars = Read("long_text_chars"),
            LowDimNumeric = Read("low_dim_numeric"),
            SkewedTarget = Read("skewed_target"),
        };
    }
}
