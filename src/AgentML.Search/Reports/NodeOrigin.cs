using System.Text.Json;
using System.Text.Json.Nodes;
using AgentML.Agents.Roles;
using AgentML.Core.Runs;
using AgentML.Store.Runs;

namespace AgentML.Search.Reports;

/// <summary>
/// Where a node's program came from, for the report and tree.json: a new recipe (a draft), a refinement of its parent,
/// a portfolio configuration tried on its parent's features, settings drawn from the builtin search space once a
/// lineage's ideas were used up, a merge of two nodes (one that improved the better of two nodes on the same feature
/// steps counts as what it ran), or a fix of a failed program.
/// Derived from the operator and the builtin recipe; programs written by an LLM have no recipe and count by operator.
/// </summary>
public static class NodeOrigin
{
    public const string NewRecipe = "new recipe";
    public const string Refinement = "refinement";
    public const string Portfolio = "portfolio";
    public const string Drawn = "drawn configuration";
    public const string Merge = "merge";
    public const string Fix = "fix";

    /// <summary>The origins in the order the report lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [NewRecipe, Refinement, Portfolio, Drawn, Merge, Fix];

    public static string Of(NodeRecord node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var recipe = RecipeJson.TryParse(node.Recipe, out var parsed) ? parsed : null;
        return node.Operator switch
        {
            NodeOperator.Draft => NewRecipe,
            // the builtin merger improves the better of two nodes on the same feature steps: such a node counts as what it ran
            NodeOperator.Merge when Text(recipe, "operator") != "improve" => Merge,
            NodeOperator.Debug => Fix,
            _ => recipe?["drawn"] is JsonValue drawn && drawn.GetValueKind() == JsonValueKind.Number ? Drawn
                : Text(recipe, "portfolio") is not null ? Portfolio : Refinement,
        };
    }

    private static string? Text(JsonObject? recipe, string key) =>
        recipe?[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
