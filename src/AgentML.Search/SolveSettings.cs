using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentML.Search;

/// <summary>When to run candidates on a subsample first (low fidelity).</summary>
public enum EarlyScoringMode
{
    /// <summary>Low fidelity only where it pays (enough training rows and time); in-run stopping on.</summary>
    Auto,

    /// <summary>Low fidelity for every candidate; in-run stopping on.</summary>
    On,

    /// <summary>Neither low fidelity nor in-run stopping: every candidate runs to the end at full fidelity.</summary>
    Off,
}

/// <summary>A run's settings (stored with the run as JSON so <c>resume</c> continues with the same ones).</summary>
public sealed record SolveSettings
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The whole run, including the final re-run on the full data.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Stop creating nodes after this many (null = no limit).</summary>
    public int? MaxNodes { get; init; }

    /// <summary>Candidates evaluated at once.</summary>
    public int Parallel { get; init; } = DefaultParallel();

    /// <summary>Threads each program may use (AGENTML_THREADS).</summary>
    public int ThreadsPerProgram { get; init; } = 1;

    public int Seed { get; init; }

    /// <summary>staged (default), greedy or uct.</summary>
    public string Policy { get; init; } = "staged";

    /// <summary>process or docker.</summary>
    public string Sandbox { get; init; } = "process";

    /// <summary>builtin or an LLM model spec.</summary>
    public string Model { get; init; } = "builtin";

    public decimal? MaxLlmCost { get; init; }

    /// <summary>Chat requests allowed in any minute over all LLM roles (--llm-requests-per-minute).</summary>
    public int LlmRequestsPerMinute { get; init; } = DefaultLlmRequestsPerMinute;

    public const int DefaultLlmRequestsPerMinute = 30;

    /// <summary>Per-role models as "role=spec" (--role-model), e.g. "planner=openai:o3".</summary>
    public IReadOnlyList<string> RoleModels { get; init; } = [];

    /// <summary>--metric: used when the task does not name one.</summary>
    public string? Metric { get; init; }

    public EarlyScoringMode EarlyScoring { get; init; } = EarlyScoringMode.Auto;

    /// <summary>Wall-clock limit of one candidate program; null = derived from the time budget.</summary>
    public TimeSpan? ProgramTimeLimit { get; init; }

    public int MemoryLimitMb { get; init; } = 4096;

    /// <summary>
    /// --weights: a folder of pretrained weight files (torchvision's names, e.g. resnet18-f37072fd.pth) that programs may
    /// load, read-only; null = torch's hub cache when it holds any. Nothing is ever downloaded.
    /// </summary>
    public string? WeightsDirectory { get; init; }

    /// <summary>Number of diverse drafts the staged and greedy policies start with.</summary>
    public int DraftCount { get; init; } = 5;

    /// <summary>Debug a buggy node at most this deep in a chain of debugs.</summary>
    public int MaxDebugDepth { get; init; } = 3;

    /// <summary>K, the number of the orchestrator's folds; null = 5, or 3 for large data or a short budget.</summary>
    public int? Folds { get; init; }

    /// <summary>Share of the training rows sealed as the check set (labels never given to programs).</summary>
    public double CheckFraction { get; init; } = 0.1;

    public int MaxCheckRows { get; init; } = 2_000;

    /// <summary>Training rows programs see at most (a seeded, stratified sample beyond it).</summary>
    public int MaxDevTrainRows { get; init; } = 200_000;

    /// <summary>
    /// Candidates also predict the task's real test set (appended to test.csv after the check rows), so that every
    /// working node, and the ensemble, carries a valid submission without a final re-run.
    /// </summary>
    public bool PredictTestDuringSearch { get; init; } = true;

    /// <summary>Only with at most this many real test rows; larger test sets are predicted by a final re-run.</summary>
    public int MaxSearchTestRows { get; init; } = 200_000;

    /// <summary>
    /// Whether, after the search, the chosen node (or each member of a winning ensemble) is re-run on all labelled rows,
    /// check rows included, when its measured cost fits the time left; its test predictions then replace the fold
    /// models', which saw only (K-1)/K of the rows left after the check set. Failures keep the fold models' submission.
    /// By default (<see cref="RefitMode.Auto"/>) only when a class has fewer labelled rows than there are folds.
    /// </summary>
    [JsonConverter(typeof(RefitModeJson))]
    public RefitMode Refit { get; init; } = RefitMode.Auto;

    /// <summary>Greedy ensemble selection: at most this many picks (with replacement).</summary>
    public int EnsembleRounds { get; init; } = 25;

    /// <summary>Greedy ensemble selection looks at the best this many nodes (by out-of-fold score).</summary>
    public int EnsembleCandidates { get; init; } = 20;

    /// <summary>Share of the development training rows a low-fidelity run sees.</summary>
    public double LowFidelityFraction { get; init; } = 0.25;

    /// <summary>Auto mode: low fidelity only from this many development training rows.</summary>
    public int LowFidelityMinRows { get; init; } = 4000;

    /// <summary>Auto mode: low fidelity only with at least this much time.</summary>
    public TimeSpan LowFidelityMinBudget { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Stop full runs whose AGENTML_METRIC lines show they cannot catch up with the best (not with <see cref="EarlyScoringMode.Off"/>).</summary>
    public bool InRunStopping { get; init; } = true;

    /// <summary>The per-program limit used for this budget.</summary>
    public TimeSpan EffectiveProgramTimeLimit =>
        ProgramTimeLimit ?? TimeSpan.FromSeconds(Math.Clamp(TimeBudget.TotalSeconds * 0.3, 20, 1200));

    /// <summary>
    /// Candidates at once when the user names none: one per core, at most <see cref="MaxDefaultParallel"/>. One
    /// single-threaded program per core does more work than one program with every core: the models' thread
    /// parallelism (OpenMP in HistGradientBoosting and XGBoost) gains little on the tables a search fits (on 2 cores,
    /// HistGradientBoosting on 21k rows ran no faster with 2 threads than with 1), while the search gets twice the
    /// nodes. The final re-runs keep one thread too: with two, a refit on 1,100 rows took 5.5 s per fold against 2-4.6 s.
    /// </summary>
    public static int DefaultParallel() => DefaultParallel(Environment.ProcessorCount);

    /// <summary>The default for a machine with <paramref name="cores"/> cores.</summary>
    public static int DefaultParallel(int cores) => Math.Clamp(cores, 1, MaxDefaultParallel);

    /// <summary>Beyond this many candidates at once, each program gets more threads instead (the search learns from finished nodes).</summary>
    public const int MaxDefaultParallel = 4;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SolveSettings FromJson(string json) =>
        JsonSerializer.Deserialize<SolveSettings>(json, Json) ?? new SolveSettings();
}

/// <summary>When the chosen node is re-run on all labelled rows after the search (<see cref="SolveSettings.Refit"/>).</summary>
public enum RefitMode
{
    /// <summary>Only when a class has fewer labelled rows than there are folds: some fold models then never saw it, and
    /// the refit's extra rows are the ones that teach it. Otherwise the fold models' averaged predictions (a bagged
    /// ensemble) stand: in the 5-minute benchmark runs of 2026-12-07 refits that changed the submission were worse in
    /// 15 of 21 runs and better in 6, three of those on the task with a one-member class (docs/search.md).</summary>
    Auto,

    /// <summary>Whenever the refit fits the time left.</summary>
    Always,

    /// <summary>Never: the fold models' predictions stand.</summary>
    Never,
}

/// <summary>Reads a refit mode by name, or the true/false that runs made before 2026-12-07 stored (always/never).</summary>
internal sealed class RefitModeJson : JsonConverter<RefitMode>
{
    public override RefitMode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => RefitMode.Always,
        JsonTokenType.False => RefitMode.Never,
        JsonTokenType.String when Enum.TryParse<RefitMode>(reader.GetString(), ignoreCase: true, out var mode) => mode,
        _ => throw new JsonException($"refit: expected auto, always, never, true or false, got {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, RefitMode value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString().ToLowerInvariant());
    }
}
