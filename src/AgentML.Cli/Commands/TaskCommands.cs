using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>Registers the task commands: `agentml inspect &lt;folder&gt;` and `agentml grade &lt;task-folder&gt; &lt;submission.csv&gt;`.</summary>
internal static class TaskCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AddCommand<InspectCommand>("inspect")
            .WithDescription("Load a task folder (or a bare Kaggle-style folder): print what was inferred and why, and a profile of every train column.")
            .WithExample("inspect", "../shared/tasks/penguin-species")
            .WithExample("inspect", "../shared/tasks/titanic-full", "--ignore-yaml", "--json");
        config.AddCommand<GradeCommand>("grade")
            .WithDescription("Grade a submission against the task's private answers; prints MLE-bench's 16-field report as JSON.")
            .WithExample("grade", "../shared/tasks/penguin-species", "../shared/tasks/penguin-species/public/sample_submission.csv");
    }
}
