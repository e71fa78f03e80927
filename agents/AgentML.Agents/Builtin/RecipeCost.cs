using System.Text.Json.Nodes;
using AgentML.Agents.Roles;
using AgentML.Core.Profiling;

namespace AgentML.Agents.Builtin;

/// <summary>
/// The idea bank's rough cost model (<c>budget:</c> in ideas.yaml): estimates the seconds of one program run from the
/// data size (rows × columns, text volume) and the recipe (members, folds, text options), and makes recipes fit a
/// short per-program time limit (the fast patch, row caps) or scales them down after a timeout.
/// </summary>
public sealed class RecipeCost(IdeaBank bank)
{
    /// <summary>Idea id recorded when the fast patch was applied.</summary>
    public const string FastIdea = "fit-time-limit";

    /// <summary>Idea id recorded when a timed-out recipe was scaled down.</summary>
    public const string ScaledIdea = "scale-down-after-timeout";

    private JsonObject Budget => bank.Budget;

    /// <summary>What the fast patch does, for plans.</summary>
    public string FastSays => JsonPatch.String(Budget["fast"], "says") ?? "fit the program to the short time limit";

    /// <summary>The seconds a program works with under <paramref name="limit"/> (what its header keeps back: <see cref="ProgramTimeMargin.Tabular"/>).</summary>
    public static double WorkingSeconds(TimeSpan limit) => ProgramTimeMargin.Tabular.WorkingSeconds(limit);

    /// <summary>
    /// Seconds (one unloaded core) until the program has one validated fold: start-up, the text features of its views
    /// and one fold's fit of every member on the development split.
    /// </summary>
    public double EstimateSeconds(JsonObject recipe, TaskContext context) => EstimateSeconds(recipe, context, rigidOnly: false);

    /// <summary>
    /// The part of <see cref="EstimateSeconds(JsonObject, TaskContext)"/> that no deadline can cut short: start-up, text
    /// features and the fits of members that cannot stop early (the `interruptible` models grow until a deadline).
    /// </summary>
    public double RigidSeconds(JsonObject recipe, TaskContext context) => EstimateSeconds(recipe, context, rigidOnly: true);

    private double EstimateSeconds(JsonObject recipe, TaskContext context, bool rigidOnly)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(context);
        var data = DataSize.Of(context);
        var views = RecipeFactory.Members(recipe).Select(m => JsonPatch.String(m, "view")).ToHashSet(StringComparer.Ordinal);
        var seconds = Number(Budget["startup_seconds"], 3);
        var textCost = Budget["text_per_million_chars"];
        var chars = TextMillionChars(recipe, data);
        if (views.Contains("linear"))
        {
            seconds += chars * Number(textCost?["linear"], 0.35);
            if (recipe["features"]?["char_ngrams"] is JsonArray)
            {
                seconds += chars * Number(textCost?["char_ngrams"], 1.2);
            }
        }

        if (views.Contains("tree"))
        {
            seconds += chars * Number(textCost?["tree"], 0.8);
        }

        var cells = FitRows(recipe, data) * data.CellsPerRow / 1e6;
        return seconds + (cells * FitCostPerMillionCells(recipe, rigidOnly));
    }

    /// <summary>True when the recipe is unlikely to validate one fold within the program limit on a loaded machine.</summary>
    public bool IsTight(JsonObject recipe, TaskContext context) =>
        EstimateSeconds(recipe, context) * LoadFactor > Number(Budget["tight_share"], 0.6) * WorkingSeconds(context.ProgramTimeLimit);

    /// <summary>True when even the parts no deadline can cut short may not fit the program's working time.</summary>
    public bool MayNotFinish(JsonObject recipe, TaskContext context) =>
        RigidSeconds(recipe, context) * LoadFactor > Number(Budget["may_not_finish_factor"], 2) * WorkingSeconds(context.ProgramTimeLimit);

    private double LoadFactor => Number(Budget["load_factor"], 2.5);

    /// <summary>
    /// The recipe unchanged when it fits the limit; else with the fast patch and, for big data, its fits capped to the
    /// rows that fit (never below min_fit_rows).
    /// </summary>
    public JsonObject FitToLimit(JsonObject recipe, TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(context);
        if (!IsTight(recipe, context))
        {
            return recipe;
        }

        var result = ApplyFast(recipe);
        var data = DataSize.Of(context);
        var perRow = data.CellsPerRow * FitCostPerMillionCells(result) * LoadFactor / 1e6;
        var affordable = Number(Budget["fit_share"], 0.5) * WorkingSeconds(context.ProgramTimeLimit) / Math.Max(perRow, 1e-9);
        var floor = Number(Budget["min_fit_rows"], 20000);
        if (affordable < FitRows(result, data) && FitRows(result, data) > floor)
        {
            SetFitRows(result, (long)Math.Max(floor, affordable));
        }

        RecipeFactory.AddIdea(result, FastIdea);
        return result;
    }

    /// <summary>
    /// A timed-out recipe made cheaper: the fast patch, half the rows per fit (at least 1000), half the text
    /// characters. Repeated timeouts halve again.
    /// </summary>
    public JsonObject ScaleDown(JsonObject recipe, TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(context);
        var fast = RecipeFactory.Ideas(recipe).Contains(FastIdea) || RecipeFactory.Ideas(recipe).Contains(ScaledIdea);
        var result = fast ? JsonPatch.Clone(recipe) : ApplyFast(recipe);
        var data = DataSize.Of(context);
        var rows = FitRows(result, data);
        if (rows > 2000)
        {
            SetFitRows(result, (long)Math.Max(1000, rows / 2));
        }

        if (result["features"] is JsonObject features && data.TextColumns > 0)
        {
            features["text_max_chars"] = (long)Math.Max(500, Number(features["text_max_chars"], 20000) / 2);
        }

        RecipeFactory.AddIdea(result, ScaledIdea);
        return result;
    }

    /// <summary>
    /// Rows each member is fitted on in the first fold: (K-1)/K of the staged rows on the orchestrator's K folds (a
    /// one-fold recipe runs only the first of them), else on the recipe's own folds or hold-out.
    /// </summary>
    public static double FitRows(JsonObject recipe, DataSize data)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(data);
        var validation = recipe["validation"];
        var folds = data.Folds ?? Number(validation?["folds"], 5);
        var share = data.Folds is null && folds <= 1 ? 1 - Number(validation?["holdout"], 0.2) : (folds - 1) / folds;
        var rows = data.DevTrainRows * share;
        var cap = Number(validation?["max_fit_rows"], 0);
        return cap > 0 ? Math.Min(rows, cap) : rows;
    }

    private JsonObject ApplyFast(JsonObject recipe)
    {
        var result = JsonPatch.Clone(recipe);
        var fast = Budget["fast"] as JsonObject;
        JsonPatch.Merge(result, fast?["patch"] as JsonObject);
        if (fast?["scale_params"] is JsonObject scale)
        {
            foreach (var parameters in RecipeFactory.Members(result).Select(m => m["params"]).OfType<JsonObject>())
            {
                foreach (var (name, factor) in scale.Where(kv => parameters[kv.Key] is not null))
                {
                    parameters[name] = Math.Round(Number(parameters[name], 0) * Number(factor, 1), 6);
                }
            }
        }

        return result;
    }

    private double FitCostPerMillionCells(JsonObject recipe, bool rigidOnly = false)
    {
        var costs = Budget["fit_per_million_cells"];
        var interruptible = JsonPatch.Strings(Budget["interruptible"]).ToHashSet(StringComparer.Ordinal);
        return RecipeFactory.Members(recipe)
            .Where(m => !rigidOnly || !interruptible.Contains(JsonPatch.String(m, "model") ?? ""))
            .Sum(m => Number(costs?[JsonPatch.String(m, "model") ?? ""], 5) * (m["search"] is JsonObject { Count: > 0 } ? 2 : 1));
    }

    private static double TextMillionChars(JsonObject recipe, DataSize data)
    {
        if (data.TextColumns == 0 || recipe["features"]?["text"] is not JsonValue flag || !flag.TryGetValue<bool>(out var on) || !on)
        {
            return 0;
        }

        var cap = Number(recipe["features"]?["text_max_chars"], 20000);
        return data.AllRows * data.TextLengths.Sum(l => Math.Min(l, cap)) / 1e6;
    }

    private static void SetFitRows(JsonObject recipe, long rows)
    {
        if (recipe["validation"] is not JsonObject validation)
        {
            recipe["validation"] = validation = [];
        }

        validation["max_fit_rows"] = rows;
    }

    private static double Number(JsonNode? node, double fallback) => JsonPatch.Number(node) ?? fallback;
}

/// <summary>
/// The sizes the cost model reads: the rows the search stages (<see cref="TaskContext.Staged"/>) and, from the task's
/// profile, the feature cells per row and the text volume. Outside a search, all training rows and the test rows.
/// </summary>
public sealed record DataSize(double DevTrainRows, double AllRows, double CellsPerRow, int TextColumns, IReadOnlyList<double> TextLengths)
{
    /// <summary>The orchestrator's K when the rows are staged on its folds; null when programs make their own.</summary>
    public int? Folds { get; init; }

    public static DataSize Of(TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var task = context.Task;
        var excluded = new HashSet<string>(task.TrainTargetColumns.Append(task.IdColumn), StringComparer.Ordinal);
        var features = context.Profile.Columns.Where(c => !excluded.Contains(c.Name) && c.Kind is not (ColumnKind.Constant or ColumnKind.IdLike)).ToArray();
        var text = features.Where(c => c.Kind == ColumnKind.Text).ToArray();
        var (train, test) = context.Staged is { } staged
            ? ((double)staged.TrainRows, (double)staged.TestRows)
            : (context.Profile.TrainRows, context.Profile.TestRows);
        var cells = features.Length - text.Length + (60.0 * text.Length);
        return new DataSize(train, train + test, Math.Max(1, cells), text.Length, text.Select(c => c.MeanLength).ToArray())
        {
            Folds = context.Staged?.Folds,
        };
    }
}
