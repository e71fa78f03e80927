using AgentML.Agents.Roles;
using Microsoft.Extensions.Logging;

namespace AgentML.Agents.Builtin;

/// <summary>The builtin expert team: needs no LLM; its knowledge is the idea bank and templates in prompts/builtin.</summary>
public static class BuiltinTeam
{
    public const string Folder = "builtin";

    /// <summary>Loads prompts/builtin (ideas.yaml and templates/) from <paramref name="promptsDirectory"/> and builds every role.</summary>
    public static AgentTeam Create(string promptsDirectory, ILoggerFactory loggerFactory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(promptsDirectory);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var folder = Path.Combine(promptsDirectory, Folder);
        var bank = IdeaBank.Load(folder);
        var renderer = ProgramRenderer.Load(folder);
        var recipes = new RecipeFactory(bank);
        var improver = new RecipeImprover(bank);
        var writer = new PlanWriter(bank);
        var improverRole = new BuiltinImprover(recipes, improver, writer, renderer);
        return new AgentTeam(
            new BuiltinPlanner(recipes, improver, writer, loggerFactory.CreateLogger<BuiltinPlanner>()),
            new BuiltinCoder(recipes, renderer),
            new BuiltinDebugger(recipes, writer, renderer),
            improverRole,
            new BuiltinMerger(recipes, writer, renderer, improverRole));
    }
}
