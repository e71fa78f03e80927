using System.ComponentModel;
using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>Options of `agentml grade`.</summary>
internal sealed class GradeSettings : CommandSettings
{
    [CommandArgument(0, "<task-folder>")]
    [Description("Task folder with private answers (private/answers.csv), or an MLE-bench competition prepared by `mlebench prepare` (<data-dir>/<id>, graded by its grade.py rules).")]
    public string TaskFolder { get; init; } = "";

    [CommandArgument(1, "<submission>")]
    [Description("The submission file (.csv).")]
    public string Submission { get; init; } = "";

    [CommandOption("--metric <METRIC>")]
    [Description("Metric to use when neither competition.yaml nor the description names one.")]
    public string? Metric { get; init; }

    [CommandOption("--leaderboards <DIR>")]
    [Description("Folder of leaderboards for medals: <id>/leaderboard.csv or <id>.csv (MLE-bench's mlebench/competitions folder is one).")]
    public string? Leaderboards { get; init; }

    [CommandOption("--ignore-yaml")]
    [Description("Ignore competition.yaml and infer the task from its files.")]
    public bool IgnoreYaml { get; init; }
}
