using System.Text.Json;

namespace AgentML.Core.Grading;

/// <summary>JSON of MLE-bench reports (snake_case fields as MLE-bench writes them).</summary>
public static class CompetitionReportJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Serialize(CompetitionReport report) => JsonSerializer.Serialize(report, Indented);

    public static CompetitionReport? Deserialize(string json) => JsonSerializer.Deserialize<CompetitionReport>(json);
}
