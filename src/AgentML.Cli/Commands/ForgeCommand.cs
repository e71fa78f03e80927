using System.ComponentModel;
using AgentML.Agents;
using AgentML.Cli.Hosting;
using AgentML.Forge;
using AgentML.Forge.Reporting;
using AgentML.Sandbox;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>Settings of `agentml forge`.</summary>
internal sealed class ForgeSettings : CommandSettings
{
    [CommandArgument(0, "<input>")]
    [Description("A raw .csv/.tsv file (optionally .gz), a .parquet file, or a folder of them.")]
    public string Input { get; init; } = "";

    [CommandOption("-o|--out <DIR>")]
    [Description("Output folder: accepted tasks in <DIR>/<task-id>, rejected ones in <DIR>/_rejected, forge-report.{json,md}.")]
    public string? Out { get; init; }

    [CommandOption("-n|--tasks <N>")]
    [Description("Accepted tasks wanted per file (default 3).")]
    [DefaultValue(3)]
    public int Tasks { get; init; } = 3;

    [CommandOption("--max-attempts <N>")]
    [Description("Candidates tried per file at most (default 3 x --tasks + 2).")]
    public int MaxAttempts { get; init; }

    [CommandOption("--seed <S>")]
    [Description("Seed of the splits and the baseline (default 0): the same seed writes the same folders.")]
    [DefaultValue(0)]
    public int Seed { get; init; }

    [CommandOption("--sandbox <KIND>")]
    [Description("Where the baseline program runs: process (default) or docker.")]
    [DefaultValue("process")]
    public string Sandbox { get; init; } = "process";

    [CommandOption("--no-execution")]
    [Description("Skip the execution check (structural and semantic checks only).")]
    public bool NoExecution { get; init; }

    [CommandOption("--model <MODEL>")]
    [Description("Forge agents: builtin (default), or a model spec (openai:<model>, azure:<deployment>, openai-compatible:<model>@<url>) for the LLM brainstormer and designer (builtin roles as fallback).")]
    [DefaultValue("builtin")]
    public string Model { get; init; } = "builtin";

    [CommandOption("--max-llm-cost <USD>")]
    [Description("Stop LLM calls once the run has spent this much (USD); the builtin roles finish the run.")]
    public decimal? MaxLlmCost { get; init; }

    [CommandOption("-v|--verbose")]
    [Description("Log progress to stderr.")]
    public bool Verbose { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Out))
        {
            return ValidationResult.Error("--out <DIR> is required.");
        }

        if (Tasks < 1)
        {
            return ValidationResult.Error($"--tasks must be at least 1, got {Tasks}.");
        }

        if (MaxLlmCost is < 0)
        {
            return ValidationResult.Error($"--max-llm-cost must be 0 or more (USD), got {MaxLlmCost}.");
        }

        return Sandbox is "process" or "docker" ? ValidationResult.Success() : ValidationResult.Error($"--sandbox '{Sandbox}': expected process or docker.");
    }
}

/// <summary>`agentml forge &lt;input&gt; --out &lt;dir&gt;`: brainstorm, design, write and verify tasks; print a summary.</summary>
internal sealed class ForgeCommand : AsyncCommand<ForgeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ForgeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var host = new CommandHost(settings.Verbose, cancellationToken);
        var request = new ForgeRequest
        {
            Input = settings.Input,
            Output = settings.Out!,
            TasksPerFile = settings.Tasks,
            MaxAttemptsPerFile = settings.MaxAttempts,
            Seed = settings.Seed,
            MaxLlmCost = settings.MaxLlmCost,
        }.Validate();
        var sandbox = settings.NoExecution ? null : new SandboxFactory(host.LoggerFactory, host.Time).Create(settings.Sandbox);
        var runner = ForgeFactory.Create(PromptsLocation.Default, sandbox, request, host.LoggerFactory, host.Time, settings.Model);
        var progress = new Progress<TaskReport>(t => AnsiConsole.MarkupLine(
            (t.Accepted ? "[green]accepted[/] " : "[yellow]rejected[/] ")
            + Markup.Escape($"{t.TaskId} ({t.Metric}{Score(t)}){(t.Accepted ? "" : ": " + t.Reasons.FirstOrDefault())}")));
        var report = await runner.RunAsync(request, progress, host.Cancellation);
        var table = new Table().AddColumns("file", "rows", "accepted", "rejected");
        foreach (var file in report.Files)
        {
            table.AddRow(Markup.Escape(Path.GetFileName(file.Source)), file.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture),
                file.Accepted.ToString(System.Globalization.CultureInfo.InvariantCulture),
                file.Error is null ? (file.Tasks.Count - file.Accepted).ToString(System.Globalization.CultureInfo.InvariantCulture) : "[red]" + Markup.Escape(file.Error) + "[/]");
        }

        AnsiConsole.Write(table);
        foreach (var file in report.Files.Where(f => f.NoTaskReason is not null))
        {
            AnsiConsole.MarkupLine(Markup.Escape($"{Path.GetFileName(file.Source)}: {file.NoTaskReason}"));
        }

        if (report.Llm is { } llm)
        {
            AnsiConsole.MarkupLine(Markup.Escape(
                $"LLM {llm.Model}: {llm.Calls} calls ({llm.FailedCalls} failed), {llm.InputTokens}+{llm.OutputTokens} tokens, ${llm.Cost:0.####}"
                + (llm.BudgetExhausted ? $", budget spent ({llm.RefusedCalls} refused calls)" : "")
                + $"; {llm.Fallbacks} fallbacks to builtin roles"));
        }

        AnsiConsole.MarkupLineInterpolated($"{report.Accepted} tasks accepted, {report.Rejected} rejected; report: {Path.Combine(report.Output, ForgeReportWriter.MarkdownName)}");
        return report.Accepted > 0 ? 0 : 1;
    }

    private static string Score(TaskReport task) =>
        task.Scores is { } s ? $" baseline {s.BaselineScore:G4} vs dummy {s.DummyScore:G4}" : "";
}
