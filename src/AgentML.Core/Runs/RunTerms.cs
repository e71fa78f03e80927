namespace AgentML.Core.Runs;

/// <summary>
/// The words for the run domain's states as users, logs, prompts and the store read them ("ok", "stopped-early"):
/// one spelling each, parsed back case-insensitively (older stores wrote the same words).
/// </summary>
public static class RunTerms
{
    public static bool IsFinished(this NodeStatus status) => status is NodeStatus.Ok or NodeStatus.Buggy or NodeStatus.Pruned;

    public static string ToText(this NodeStatus status) => Kebab(status.ToString());

    public static string ToText(this NodeOperator op) => Kebab(op.ToString());

    public static string ToText(this Fidelity fidelity) => Kebab(fidelity.ToString());

    public static string ToText(this RunStatus status) => Kebab(status.ToString());

    public static string ToText(this ExecutionReason reason) => reason switch
    {
        ExecutionReason.None => "",
        ExecutionReason.MissingSubmission => "no-submission",
        ExecutionReason.Budget => "time-budget",
        _ => Kebab(reason.ToString()),
    };

    /// <summary>Parses a word written by <c>ToText</c> (or the enum's own name); throws <see cref="FormatException"/> otherwise.</summary>
    public static T Parse<T>(string text)
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(Word(value), text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw new FormatException($"'{text}' is not a {typeof(T).Name} (expected one of: {string.Join(", ", Enum.GetValues<T>().Select(v => Word(v)))}).");
    }

    /// <summary>The word of any run-domain value.</summary>
    public static string Word<T>(T value)
        where T : struct, Enum => value switch
        {
            NodeStatus s => s.ToText(),
            NodeOperator o => o.ToText(),
            Fidelity f => f.ToText(),
            RunStatus r => r.ToText(),
            ExecutionReason e => e.ToText(),
            _ => Kebab(value.ToString()),
        };

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
