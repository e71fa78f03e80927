using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>Registers the solve commands: solve, resume, runs, show.</summary>
internal static class SolveCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AddCommand<SolveCommand>("solve")
            .WithDescription("Search for the best program for a task folder; writes runs/<run-id>/ (submission.csv, best_solution.py, report).")
            .WithExample("solve", "examples/penguins", "--time", "3m");
        config.AddCommand<ResumeCommand>("resume")
            .WithDescription("Continue a run that was stopped or killed; finished nodes are kept.")
            .WithExample("resume", "penguin-species-20260101-120000-ab12");
        config.AddCommand<RunsCommand>("runs")
            .WithDescription("List the runs in the database with their best scores.");
        config.AddCommand<ShowCommand>("show")
            .WithDescription("Show a run's search tree: operator, plan, status, score and time of every node.")
            .WithExample("show", "penguin-species-20260101-120000-ab12");
    }
}
