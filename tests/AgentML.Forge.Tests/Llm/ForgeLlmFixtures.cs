using System.Globalization;
using AgentML.Agents.Llm.Client;
using AgentML.Core.Data;
using AgentML.Forge.Data;
using AgentML.Forge.Llm;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;
using AgentML.Testing;
using AgentML.Testing.ScriptedLlm;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentML.Forge.Tests.Llm;

/// <summary>The raw penguins table (optionally with extra columns) and an LLM forge team on the scripted server.</summary>
internal static class ForgeLlmFixtures
{
    public static ForgeKnowledge Knowledge { get; } = BuiltinForgeTeam.LoadKnowledge(TestPaths.Prompts);

    public static string PenguinsPath => Path.Combine(TestPaths.RawDatasets, "palmerpenguins__penguins.csv");

    public static RawDataset Penguins() => Dataset(CsvTable.Read(PenguinsPath), PenguinsPath);

    /// <summary>
    /// Penguins plus a repeating <c>nest</c> (40 values), an <c>observed_on</c> date (90 days, not in row order) and a
    /// unique <c>ring</c> code per bird and a <c>colony</c> (20 values, one of them a third of the rows).
    /// </summary>
    public static RawDataset PenguinsWithNestsAndDates()
    {
        var table = CsvTable.Read(PenguinsPath);
        var start = new DateOnly(2008, 1, 1);
        var rows = table.Rows.Select((r, i) => (string[])[.. r,
            $"N{i % 40:00}",
            start.AddDays(i * 37 % 90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            $"R{7919 * i % 100_003:000000}",
            i % 3 == 0 ? "C00" : $"C{1 + (i % 19):00}"]).ToArray();
        return Dataset(new CsvTable([.. table.Columns, "nest", "observed_on", "ring", "colony"], rows), PenguinsPath);
    }

    public static ForgeTeam Team(ScriptedLlmServer server, LlmBudget? budget = null) =>
        LlmForgeTeam.Create($"openai-compatible:gpt-4o@{server.OpenAIBaseUrl}", Knowledge, BuiltinForgeTeam.Create(Knowledge, new VerificationOptions()),
            TestPaths.Prompts, ForgeTestData.FastLlmSettings, NullLoggerFactory.Instance, budget);


    private static RawDataset Dataset(CsvTable table, string path)
    {
        var columns = ColumnData.AllFrom(table, Knowledge);
        return new RawDataset
        {
            Name = "penguins",
            SourcePath = path,
            Table = table,
            Columns = columns,
            Profile = new RawTableProfiler(Knowledge).Profile(table, columns),
        };
    }
}
