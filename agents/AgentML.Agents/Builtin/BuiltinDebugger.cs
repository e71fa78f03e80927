using System.Text.Json.Nodes;
using AgentML.Agents.Builtin.Image;
using AgentML.Agents.Roles;

namespace AgentML.Agents.Builtin;

/// <summary>Recognises the failure class of a broken node and repairs its recipe with the idea bank's repair for it.</summary>
public sealed class BuiltinDebugger(RecipeFactory recipes, PlanWriter writer, ProgramRenderer renderer) : IDebugger
{
    public Task<AgentOutput> DebugAsync(TaskContext context, SolutionView failed, TreeSummary tree, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(failed);
        cancellationToken.ThrowIfCancellationRequested();
        var observations = Observations.From(context, recipes.Bank.Thresholds);
        var kind = FailureClassifier.Classify(failed.Output, failed.Error);
        var notes = new List<string> { $"Failure class: {kind}." };
        if (!RecipeFactory.TryParse(failed.Recipe, out var recipe))
        {
            recipe = BuiltinCoder.BestDraft(recipes, observations);
            notes.Add("The failed node has no builtin recipe; rewrote it from the best builtin draft.");
        }

        if (ImageExpert.IsImageRecipe(recipe))
        {
            var (image, imageSays) = recipes.Images.Repair(recipe, kind == FailureKind.Timeout);
            return Task.FromResult(BuiltinCoder.Output(context, renderer, image, ImageExpert.Describe(image, $"Debug node {failed.NodeId}: {imageSays}.", recipes.Images.Facts(context)), "debug", notes));
        }

        var repaired = Repair(recipe, kind, observations, out var says);
        if (kind == FailureKind.Timeout)
        {
            // Out of time is a cost problem: the same recipe would time out again, so it is scaled down.
            repaired = recipes.Cost.ScaleDown(repaired, context);
            says += $" (fits on at most {JsonPatch.Number(repaired["validation"]?["max_fit_rows"])?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "all"} rows, one hold-out)";
        }

        var exception = FailureClassifier.LastException(failed.Output) ?? failed.Error ?? "no error line";
        var headline = $"Debug node {failed.NodeId}: it failed with \"{Shorten(exception)}\"; {says}.";
        var plan = writer.Describe(repaired, observations, headline);
        return Task.FromResult(BuiltinCoder.Output(context, renderer, repaired, plan, "debug", notes));
    }

    /// <summary>The recipe with the repair for <paramref name="kind"/> applied (escalating to the safe setup when repeated).</summary>
    public JsonObject Repair(JsonObject recipe, FailureKind kind, Observations observations, out string says)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var key = RepairKey(kind);
        var tried = RecipeFactory.Ideas(recipe).ToHashSet(StringComparer.Ordinal);
        var repair = recipes.Bank.Repair(key);
        // A repeated timeout is scaled down again (see DebugAsync) rather than replaced by the safe setup.
        if ((tried.Contains("repair-" + key) && kind != FailureKind.Timeout) || repair?["escalate"] is not null)
        {
            key = "safe";
            repair = recipes.Bank.Repair(key);
        }

        var result = JsonPatch.Clone(recipe);
        says = JsonPatch.String(repair, "says") ?? "simplify the recipe";
        if (repair is null)
        {
            return result;
        }

        JsonPatch.Merge(result, repair["patch"] as JsonObject);
        var members = result["members"] as JsonArray ?? [];
        if (repair["replace_members"] is JsonArray replacement)
        {
            members.Clear();
            foreach (var name in JsonPatch.Strings(replacement))
            {
                members.Add(recipes.Bank.Member(name, observations));
            }
        }

        var drop = JsonPatch.Strings(repair["drop_models"]).ToHashSet(StringComparer.Ordinal);
        foreach (var member in RecipeFactory.Members(result).Where(m => drop.Contains(JsonPatch.String(m, "model") ?? "")).ToArray())
        {
            members.Remove(member);
        }

        if (members.Count == 0)
        {
            members.Add(recipes.Bank.Member(JsonPatch.String(repair, "add_if_empty") ?? "hgb", observations));
        }

        if (repair["scale_params"] is JsonObject scale)
        {
            foreach (var parameters in RecipeFactory.Members(result).Select(m => m["params"]).OfType<JsonObject>())
            {
                foreach (var (name, factor) in scale)
                {
                    parameters[name] = Math.Max(10, Math.Round((JsonPatch.Number(parameters[name]) ?? DefaultRounds(name)) * (JsonPatch.Number(factor) ?? 1)));
                }
            }
        }

        RecipeFactory.AddIdea(result, "repair-" + key);
        result["operator"] = "debug";
        return result;
    }

    private static double DefaultRounds(string name) => name == "max_iter" ? 1500 : name == "n_estimators" ? 1000 : 100;

    private static string RepairKey(FailureKind kind) => kind switch
    {
        FailureKind.Timeout => "timeout",
        FailureKind.OutOfMemory => "out_of_memory",
        FailureKind.StringToFloat => "string_to_float",
        FailureKind.UnseenCategory => "unseen_category",
        FailureKind.NotFinite => "not_finite",
        FailureKind.MissingClass => "missing_class",
        FailureKind.SubmissionFormat => "submission_format",
        FailureKind.XgboostError => "xgboost_error",
        FailureKind.ConvergenceOrLinearAlgebra => "convergence",
        _ => "unknown",
    };

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..157] + "...";
}
