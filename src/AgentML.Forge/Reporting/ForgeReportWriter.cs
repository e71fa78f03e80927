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

        foreach (var file in report.Files)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n## {Path.GetFileName(file.Source)}\n\n");
            if (file.Error is not null)
            {
                md.Append(CultureInfo.InvariantCulture, $"Error: {file.Error}\n");
                continue;
            }

            md.Append("| task | status | target | type | metric | split | baseline | dummy | gain |\n|---|---|---|---|---|---|---:|---:|---:|\n");
            foreach (var task in file.Tasks)
            {
                var s = task.Scores;
                md.Append(CultureInfo.InvariantCulture,
                    $"| {task.TaskId} | {(task.Accepted ? "accepted" : "rejected")} | {task.Target} | {task.TaskType} | {task.Metric} | {task.Split.Split(':')[0]} | {F(s?.BaselineScore)} | {F(s?.DummyScore)} | {F(s?.Gain)} |\n");
            }

            foreach (var task in file.Tasks.Where(t => !t.Accepted))
            {
                md.Append(CultureInfo.InvariantCulture, $"\n- **{task.TaskId}** rejected: {string.Join("; ", task.Reasons)}");
            }

            if (file.NotTargets.Count > 0)
            {
                md.Append("\n\nColumns not used as targets: ");
                md.AppendJoin("; ", file.NotTargets.Select(n => $"`{n.Name}` ({n.Reason})"));
            }

            md.Append('\n');
        }

        return md.ToString();
    }

    private static string F(double? value) => value is { } v ? v.ToString("G5", CultureInfo.InvariantCulture) : "";
}
