using System.ComponentModel;
using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>Options of `agentml inspect`.</summary>
internal sealed class InspectSettings : CommandSettings
{
    [CommandArgument(0, "<folder>")]
    [Description("Task folder (competition.yaml, public/, private/) or a bare folder with train/test/sample_submission.")]
    public string Folder { get; init; } = "";

    [CommandOption("--metric <METRIC>")]
    [Description("Metric to use when neither competition.yaml nor the description names one (e.g. roc_auc, rmse, map@5).")]
    public string? Metric { get; init; }

    [CommandOption("--ignore-yaml")]
    [Description("Ignore competition.yaml and infer everything from the files and the description.")]
    public bool IgnoreYaml { get; init; }

    [CommandOption("--json")]
    [Description("Print the task, the inferences and the profile as JSON.")]
    public bool Json { get; init; }

    [CommandOption("--no-profile")]
    [Description("Skip the column profile (faster on large data).")]
    public bool NoProfile { get; init; }
}
