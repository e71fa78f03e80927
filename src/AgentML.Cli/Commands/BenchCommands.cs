using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>Registers the bench commands: `agentml bench &lt;inputs&gt;` and its report, resume, validate and list commands.</summary>
internal static class BenchCommands
{
    private static readonly string[] SubCommands = ["run", "resume", "report", "validate", "list"];

    /// <summary>
    /// `agentml bench &lt;inputs&gt; ...` means `agentml bench run &lt;inputs&gt; ...` (Spectre's branch default command does
    /// not take positional arguments, so the word is inserted here).
    /// </summary>
    public static string[] RouteDefault(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length >= 2 && args[0] == "bench" && !SubCommands.Contains(args[1], StringComparer.Ordinal) && args[1] is not ("-h" or "--help"))
        {
            return ["bench", "run", .. args[1..]];
        }

        return args;
    }

    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AddBranch<CommandSettings>("bench", bench =>
        {
            bench.SetDescription("Run agents on MLE-bench-format competitions and grade them by MLE-bench's rules. For MLE-bench itself, run `mlebench prepare -c <id>` (or --lite/--all) and pass its data directory (~/.cache/mle-bench/data by default, or --data-dir): every <data>/<id>/prepared of a registered competition is graded by its grade.py's rules (src/AgentML.Bench/README.md lists them).");
            bench.SetDefaultCommand<BenchRunCommand>();
            bench.AddCommand<BenchRunCommand>("run")
                .WithDescription("Run a bench (the default: `agentml bench <inputs> ...`).")
                .WithExample("bench", "run", "../shared/tasks", "--agent", "agentml", "--time", "2m", "--seeds", "2")
                .WithExample("bench", "run", "data/", "--split", "lite", "--agent-dir", "my-agent", "--agent-cmd", "bash start.sh");
            bench.AddCommand<BenchResumeCommand>("resume")
                .WithDescription("Resume a killed bench: finished runs are skipped.")
                .WithExample("bench", "resume", "bench-20261129-131500-ab12");
            bench.AddCommand<BenchReportCommand>("report")
                .WithDescription("Re-render a bench's JSON, markdown and HTML reports from the database.")
                .WithExample("bench", "report", "bench-20261129-131500-ab12");
            bench.AddCommand<BenchValidateCommand>("validate")
                .WithDescription("Check a submission's format for a competition without revealing its score.")
                .WithExample("bench", "validate", "../shared/tasks/penguin-species", "submission.csv")
                .WithExample("bench", "validate", "~/.cache/mle-bench/data/spooky-author-identification", "submission.csv");
            bench.AddCommand<BenchListCommand>("list")
                .WithDescription("List the benches in the database and their progress.");
        });
    }
}
