using System.Text.Json.Nodes;
using AgentML.Agents.Roles;

namespace AgentML.Agents.Builtin;

/// <summary>Renders a plan's recipe into a program; a plan without a recipe (e.g. from an LLM) gets the best draft for the task.</summary>
public sealed class BuiltinCoder(RecipeFactory recipes, ProgramRenderer renderer) : ICoder
{
    public const string AgentName = "builtin";

    public Task<AgentOutput> WriteAsync(TaskContext context, Plan plan, TreeSummary tree, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(plan);
        cancellationToken.ThrowIfCancellationRequested();
        var notes = new List<string>();
        if (!RecipeFactory.TryParse(plan.Recipe, out var recipe) && recipes.Images.Handles(context))
        {
            recipe = RecipeFactory.Parse(recipes.Images.Plans(context, new HashSet<string>(), 1)[0].Recipe);
            notes.Add("The plan had no builtin recipe; used the builtin image expert's first draft.");
        }
        else if (recipe.Count == 0)
        {
            recipe = BestDraft(recipes, Observations.From(context, recipes.Bank.Thresholds));
            notes.Add($"The plan had no builtin recipe; used the best builtin draft '{JsonPatch.String(recipe, "draft")}'.");
        }

        return Task.FromResult(Output(context, renderer, recipe, plan.Text, JsonPatch.String(recipe, "operator") ?? "draft", notes));
    }

    internal static JsonObject BestDraft(RecipeFactory recipes, Observations observations)
    {
        var draft = recipes.Bank.Drafts.Where(d => d.AppliesTo(observations))
            .OrderByDescending(d => (JsonPatch.Number(d.Body["priority"]) ?? 0) +
                                    (d.Body["boost"] as JsonObject ?? []).Where(kv => observations.Has(kv.Key)).Sum(kv => JsonPatch.Number(kv.Value) ?? 0))
            .FirstOrDefault() ?? recipes.Bank.Drafts[0];
        return recipes.Draft(draft, observations);
    }

    internal static AgentOutput Output(TaskContext context, ProgramRenderer renderer, JsonObject recipe, string plan, string operatorName, IReadOnlyList<string>? notes = null) => new()
    {
        Plan = plan,
        Code = renderer.Render(context, recipe, plan, operatorName),
        Recipe = recipe.ToJsonString(JsonPatch.Indented),
        Agent = AgentName,
        Model = AgentName,
        Notes = notes ?? [],
    };
}
