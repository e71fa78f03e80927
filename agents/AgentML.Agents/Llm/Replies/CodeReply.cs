using System.Text.RegularExpressions;

namespace AgentML.Agents.Llm.Replies;

/// <summary>A program taken from a reply and the prose around it (the model's explanation).</summary>
public sealed record CodeReply(string Code, string Explanation);

/// <summary>
/// Takes the program from fenced blocks: the longest ```python (or ```py) block, else the longest unlabeled
/// block that looks like Python. A reply with no fenced block has no code (the model is asked again).
/// </summary>
public static partial class CodeBlocks
{
    public static CodeReply? Extract(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var blocks = Fence().Matches(reply.Replace("\r\n", "\n", StringComparison.Ordinal)).Select(m => (Lang: m.Groups["lang"].Value.ToLowerInvariant(), Body: m.Groups["body"].Value, Match: m)).ToArray();
        var python = blocks.Where(b => b.Lang is "python" or "py" or "python3").OrderByDescending(b => b.Body.Length).FirstOrDefault();
        if (python.Body is null)
        {
            python = blocks.Where(b => b.Lang.Length == 0 && LooksLikePython(b.Body)).OrderByDescending(b => b.Body.Length).FirstOrDefault();
        }

        if (python.Body is null || string.IsNullOrWhiteSpace(python.Body))
        {
            return null;
        }

        var explanation = Fence().Replace(reply, "").Trim();
        return new CodeReply(python.Body.Trim('\n') + "\n", explanation);
    }

    /// <summary>True when the program follows the solution contract's one hard rule: it writes submission/submission.csv.</summary>
    public static bool WritesSubmission(string code) =>
        code.Contains("submission.csv", StringComparison.Ordinal) || code.Contains("submission/", StringComparison.Ordinal);

    private static bool LooksLikePython(string body) =>
        body.Contains("import ", StringComparison.Ordinal) || body.Contains("def ", StringComparison.Ordinal) || body.Contains("print(", StringComparison.Ordinal);

    [GeneratedRegex(@"```[ \t]*(?<lang>[A-Za-z0-9_+-]*)[^\n]*\n(?<body>.*?)(?:\n)?```", RegexOptions.Singleline)]
    private static partial Regex Fence();
}
