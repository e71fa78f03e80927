using System.Collections.Concurrent;

namespace AgentML.Testing.ScriptedLlm;

/// <summary>
/// Answers every call of a whole LLM solve run on penguin-species: PlanSearch (observations, derived observations,
/// plans, criticisms), and programs for draft (the first draft is buggy), debug, improve and merge, taken from
/// tests/AgentML.Testing/ScriptedLlm/Programs. Calls are recognised by the JSON schema requested or by the section
/// headings of the prompts in prompts/llm. Counts the calls by kind.
/// </summary>
public sealed class ScriptedSolveResponder(bool repeatOneProgram = false)
{
    private static readonly string[] Plans =
    [
        "Multinomial logistic regression on standardised bill, flipper and mass measurements plus one-hot island and sex; 3-fold stratified validation.",
        "Random forest of 100 trees on median-imputed raw measurements and one-hot categoricals; probabilities clipped before the log loss.",
        "Gradient boosted trees with shallow depth on ratio features such as bill length over bill depth, with early stopping on a validation fold.",
        "K nearest neighbours on scaled morphology after dropping the year column, distance weighted, k chosen by cross validation.",
        "Blend of a linear model and a tree ensemble averaged with equal weights, each trained on its own preprocessing.",
        "Naive Bayes baseline over binned measurements with Laplace smoothing, island treated as a strong prior signal.",
    ];

    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private int _plans;
    private int _drafts;

    public static string ProgramsDirectory => Path.Combine(TestPaths.RepoRoot, "tests", "AgentML.Testing", "ScriptedLlm", "Programs");

    /// <summary>Calls answered so far, by kind: observations, derive, plan, critique, draft, debug, improve, merge, repeat (the follow-up on a repeated program).</summary>
    public IReadOnlyDictionary<string, int> Calls => _calls;

    /// <summary>
    /// A scripted program by name. "buggy" is the logistic regression reading a label column that does not exist
    /// (species_name), so the debug call has a real KeyError to repair.
    /// </summary>
    public static string Program(string name) => name == "buggy"
        ? Program("logreg").Replace("target = \"species\"", "target = \"species_name\"", StringComparison.Ordinal)
        : File.ReadAllText(Path.Combine(ProgramsDirectory, $"penguin_{name}.py"));

    public ScriptedReply? Respond(ScriptedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = Classify(request);
        if (kind is null)
        {
            return null;
        }

        _calls.AddOrUpdate(kind, 1, (_, n) => n + 1);
        return kind switch
        {
            "observations" => ScriptedReply.Json(new { observations = new[] { "Bill length separates Adelie from Chinstrap.", "Flipper length separates Gentoo.", "Island is confounded with species.", "Sex is missing for a few rows." } }),
            "derive" => ScriptedReply.Json(new { observations = new[] { "Bill ratio separates all three species." } }),
            "plan" => ScriptedReply.Json(new { plan = "A draft plan." }),
            "critique" => ScriptedReply.Json(new { criticism = "Validation must be stratified.", fixed_plan = Plans[Interlocked.Increment(ref _plans) % Plans.Length] }),
            "draft" => Interlocked.Increment(ref _drafts) == 1
                ? Code(request, "buggy", "Logistic regression on the measurements.")
                : Code(request, _drafts % 2 == 0 ? "logreg" : "forest", "A first model."),
            "debug" => Code(request, "logreg", "The label column is species, not species_name."),
            "improve" => Code(request, "forest", "Random forest on imputed measurements and one-hot categoricals (the improvement: a tree ensemble)."),
            "merge" => Code(request, "blend", "Average the probabilities of logistic regression and a random forest."),
            "repeat" => Code(request, "forest", "A different model: a random forest."),
            _ => null,
        };
    }

    /// <summary>
    /// A program reply made unique per request (the engine does not run a program twice), or, for a model that
    /// repeats itself, the same logistic regression every time.
    /// </summary>
    private ScriptedReply Code(ScriptedRequest request, string program, string explanation) => repeatOneProgram
        ? ScriptedReply.Code(Program("logreg"), "Logistic regression on the measurements.")
        : ScriptedReply.Code($"{Program(program)}# scripted reply to request {request.Index}\n", explanation);

    private static string? Classify(ScriptedRequest request)
    {
        var text = request.LastUserMessage;
        if (request.ResponseSchemaName is { } schema)
        {
            return schema switch
            {
                _ when text.Contains("## Observations to combine", StringComparison.Ordinal) => "derive",
                _ when schema.Contains("Observations", StringComparison.Ordinal) => "observations",
                _ when schema.Contains("Critique", StringComparison.Ordinal) => "critique",
                _ when schema.Contains("Plan", StringComparison.Ordinal) => "plan",
                _ => null,
            };
        }

        return text switch
        {
            _ when text.Contains("the search has already run", StringComparison.Ordinal) => "repeat",
            _ when text.Contains("## The failed program", StringComparison.Ordinal) => "debug",
            _ when text.Contains("## The program to improve", StringComparison.Ordinal) => "improve",
            _ when text.Contains("## First program", StringComparison.Ordinal) => "merge",
            _ when text.Contains("## Plan to implement", StringComparison.Ordinal) => "draft",
            _ => null,
        };
    }
}
