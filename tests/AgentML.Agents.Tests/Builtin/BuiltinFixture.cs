using AgentML.Core.Runs;
using AgentML.Agents.Builtin;
using AgentML.Agents.Roles;
using AgentML.Core.Metrics;
using AgentML.Core.Profiling;
using AgentML.Core.Tasks;
using AgentML.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentML.Agents.Tests.Builtin;

/// <summary>Shared helpers: the real builtin team over the repository's prompts, and contexts of the shared tasks.</summary>
internal static class BuiltinFixture
{
    private static readonly Lazy<AgentTeam> LazyTeam = new(() => BuiltinTeam.Create(TestPaths.Prompts, NullLoggerFactory.Instance));
    private static readonly Dictionary<string, TaskContext> Contexts = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    public static AgentTeam Team => LazyTeam.Value;

    public static IdeaBank Bank { get; } = IdeaBank.Load(Path.Combine(TestPaths.Prompts, BuiltinTeam.Folder));

    public static RecipeFactory Recipes { get; } = new(Bank);

    public static TaskContext Context(string task, int timeLimitSeconds = 120)
    {
        lock (Gate)
        {
            if (!Contexts.TryGetValue(task, out var context))
            {
                var spec = new TaskLoader().Load(TestPaths.Task(task));
                context = new TaskContext
                {
                    Task = spec,
                    Profile = new DataProfiler().Profile(spec),
                    ProgramTimeLimit = TimeSpan.FromSeconds(timeLimitSeconds),
                    HigherIsBetter = MetricRegistry.Get(spec.Metric).HigherIsBetter,
                };
                Contexts[task] = context;
            }

            return context with { ProgramTimeLimit = TimeSpan.FromSeconds(timeLimitSeconds) };
        }
    }

    public static SolutionView Node(string id, AgentOutput output, double? score = null, NodeStatus status = NodeStatus.Ok, string? outputText = null, string? error = null) => new()
    {
        NodeId = id,
        Operator = NodeOperator.Draft,
        Plan = output.Plan,
        Code = output.Code,
        Recipe = output.Recipe,
        Score = score,
        Status = status,
        Output = outputText,
        Error = error,
    };
}
