// Development tool of the quality benchmark.
//   RenderDrafts <task-folder> <out-folder> [drafts=4] [time-limit-seconds=120]
//       renders the builtin planner's drafts: <out>/<k>/solution.py, plan.md and recipe.json
//   RenderDrafts baselines <task-folder> <out-folder>
//       renders the four baselines: <out>/<name>/solution.py
using System.Globalization;
using AgentML;
using AgentML.Agents;
using AgentML.Agents.Builtin;
using AgentML.Agents.Roles;
using AgentML.Core.Metrics;
using AgentML.Core.Profiling;
using AgentML.Core.Tasks;
using Microsoft.Extensions.Logging.Abstractions;

if (args.Length >= 3 && args[0] == "baselines")
{
    var spec = new TaskLoader().Load(args[1]);
    var baselines = BaselinePrograms.Load(PromptsLocation.Default);
    foreach (var name in BaselinePrograms.Names.Keys)
    {
        var folder = Path.Combine(args[2], name);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "solution.py"), baselines.Render(spec, name));
    }

    return 0;
}

if (args.Length < 2)
{
    await Console.Error.WriteLineAsync("usage: RenderDrafts <task-folder> <out-folder> [drafts] [time-limit-seconds] | RenderDrafts baselines <task-folder> <out-folder>");
    return 2;
}

var task = new TaskLoader().Load(args[0]);
var count = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;
var limit = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 120;
var context = new TaskContext
{
    Task = task,
    Profile = new DataProfiler().Profile(task),
    ProgramTimeLimit = TimeSpan.FromSeconds(limit),
    HigherIsBetter = MetricRegistry.Get(task.Metric).HigherIsBetter,
};
var team = BuiltinTeam.Create(PromptsLocation.Default, NullLoggerFactory.Instance);
var plans = await team.Planner.ProposeAsync(context, TreeSummary.Empty, count, CancellationToken.None);
Console.WriteLine($"{task.Id}: {plans.Count} drafts, {BuiltinPlanner.DistinctRecipes(plans)} distinct recipes");
for (var i = 0; i < plans.Count; i++)
{
    var output = await team.Coder.WriteAsync(context, plans[i], TreeSummary.Empty, CancellationToken.None);
    var folder = Path.Combine(args[1], (i + 1).ToString(CultureInfo.InvariantCulture));
    Directory.CreateDirectory(folder);
    await File.WriteAllTextAsync(Path.Combine(folder, "solution.py"), output.Code);
    await File.WriteAllTextAsync(Path.Combine(folder, "plan.md"), output.Plan);
    await File.WriteAllTextAsync(Path.Combine(folder, "recipe.json"), output.Recipe);
    Console.WriteLine($"  {i + 1}: {plans[i].Text.Split('\n')[0]}");
}

return 0;
