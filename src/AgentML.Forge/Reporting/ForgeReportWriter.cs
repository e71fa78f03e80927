using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentML.Forge.Reporting;

/// <summary>Writes the verification report as forge-report.json and forge-report.md.</summary>
public static class ForgeReportWriter
{
    public const string JsonName = "forge-report.json";
    public const string MarkdownName = "forge-report.md";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Write(ForgeReport report, string folder)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, JsonName), JsonSerializer.Serialize(report, Json));
        File.WriteAllText(Path.Combine(folder, MarkdownName), Markdown(report));
    }

    public static ForgeReport Read(string path) =>
        JsonSerializer.Deserialize<ForgeReport>(File.ReadAllText(path), Json) ?? throw new UserFacingException($"{path}: empty report.");

    public static string Markdown(ForgeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Forge report\n\nInput `{report.Input}`, seed {report.Seed}: {report.Accepted} tasks accepted, {report.Rejected} rejected.\n\n");
        md.Append("| file | rows | accepted | rejected |\n|---|---:|---:|---:|\n");
        foreach (var file in report.Files)
        {
            var rejected = file.Error is null ? (file.Tasks.Count - file.Accepted).ToString(CultureInfo.InvariantCulture) : "error";
            md.Append(CultureInfo.InvariantCulture, $"| {Path.GetFileName(file.Source)} | {file.Rows} | {file.Accepted} | {rejected} |\n");
        }

        if (report.Llm is { } llm)
        {
            LlmSection(md, llm);
        }

        foreach (var file in report.Files)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n## {Path.GetFileName(file.Source)}\n\n");
            if (file.Error is not null)
            {
                md.Append(CultureInfo.InvariantCulture, $"Error: {file.Error}\n");
                continue;
            }

            if (file.Reading.Count > 0)
            {
                md.Append("Read: ").AppendJoin("; ", file.Reading).Append(".\n\n");
            }

            if (file.NoTaskReason is not null)
            {
                md.Append(CultureInfo.InvariantCulture, $"No task: {file.NoTaskReason}.\n\n");
            }

            var roles = report.Llm is not null;
            md.Append("| task | status | target | type | metric | split | baseline | dummy | gain |").Append(roles ? " brainstormer | designer |" : "")
                .Append("\n|---|---|---|---|---|---|---:|---:|---:|").Append(roles ? "---|---|" : "").Append('\n');
            foreach (var task in file.Tasks)
            {
                var s = task.Scores;
                md.Append(CultureInfo.InvariantCulture,
                    $"| {task.TaskId} | {(task.Accepted ? "accepted" : "rejected")} | {task.Target} | {task.TaskType} | {task.Metric} | {task.Split.Split(':')[0]} | {F(s?.BaselineScore)} | {F(s?.DummyScore)} | {F(s?.Gain)} |")
                    .Append(roles ? $" {task.Brainstormer} | {task.Designer} |" : "").Append('\n');
            }

            foreach (var task in file.Tasks.Where(t => !t.Accepted))
            {
                md.Append(CultureInfo.InvariantCulture, $"\n- **{task.TaskId}** rejected: {string.Join("; ", task.Reasons)}");
            }

            Notes(md, file);
            if (file.NotTargets.Count > 0)
            {
                md.Append("\n\nColumns not used as targets: ");
                md.AppendJoin("; ", file.NotTargets.Select(n => $"`{n.Name}` ({n.Reason})"));
            }

            md.Append('\n');
        }

        return md.ToString();
    }

    private static void LlmSection(StringBuilder md, LlmReport llm)
    {
        var limit = llm.MaxCost is { } max ? $"limit ${max:0.####} (--max-llm-cost)" : "no cost limit";
        md.Append(CultureInfo.InvariantCulture,
            $"\n## LLM\n\nModel `{llm.Model}`: {Calls(llm.Calls)} ({llm.FailedCalls} failed), {llm.InputTokens} input and {llm.OutputTokens} output tokens, cost ${llm.Cost:0.####}; {limit}.\n");
        foreach (var role in llm.Roles)
        {
            md.Append(CultureInfo.InvariantCulture, $"- {role.Role}: {Calls(role.Calls)}, {role.InputTokens} + {role.OutputTokens} tokens, ${role.Cost:0.####}\n");
        }

        if (llm.BudgetExhausted || llm.RefusedCalls > 0)
        {
            md.Append(CultureInfo.InvariantCulture,
                $"\n**LLM budget spent**: ${llm.Cost:0.####} against the limit of ${llm.MaxCost:0.####} (--max-llm-cost); {Calls(llm.RefusedCalls)} refused, the builtin roles took over.\n");
        }

        md.Append(CultureInfo.InvariantCulture, $"\nFallbacks to builtin roles: {llm.Fallbacks}{(llm.Fallbacks > 0 ? " (the notes under each file say why)" : "")}.\n");
    }

    private static string Calls(int count) => count == 1 ? "1 call" : $"{count.ToString(CultureInfo.InvariantCulture)} calls";

    private static void Notes(StringBuilder md, FileReport file)
    {
        var notes = file.Notes.Select(n => $"- {n}").Concat(file.Tasks.SelectMany(t => t.Notes.Select(n => $"- **{t.TaskId}**: {n}"))).ToArray();
        if (notes.Length > 0)
        {
            md.Append(md[^1] == '\n' ? "\n" : "\n\n").Append("Notes (repairs, reformulations, LLM roles):\n\n").AppendJoin('\n', notes);
        }
    }

    private static string F(double? value) => value is { } v ? v.ToString("G5", CultureInfo.InvariantCulture) : "";
}
