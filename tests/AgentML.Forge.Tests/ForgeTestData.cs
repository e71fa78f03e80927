using System.Globalization;
using AgentML.Agents.Llm.Client;
using AgentML.Core.Data;
using AgentML.Forge;
using AgentML.Forge.Data;
using AgentML.Forge.Input;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;
using AgentML.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentML.Forge.Tests;

/// <summary>Shared helpers: the forge knowledge, raw files and small table edits.</summary>
internal static class ForgeTestData
{
    public static ForgeKnowledge Knowledge { get; } = BuiltinForgeTeam.LoadKnowledge(TestPaths.Prompts);

    public static string Penguins => Path.Combine(TestPaths.RawDatasets, "palmerpenguins__penguins.csv");

    public static RawDataset Read(string path) => new RawDataReader(Knowledge).Read(path);

    /// <summary>Writes <paramref name="source"/> with extra columns computed per row (row index, row cells) to <paramref name="path"/>.</summary>
    public static void WriteWithColumns(string source, string path, params (string Name, Func<int, string[], CsvTable, string> Value)[] extra)
    {
        var table = CsvTable.Read(source);
        var rows = table.Rows.Select((r, i) => (string[])[.. r, .. extra.Select(e => e.Value(i, r, table))]).ToArray();
        new CsvTable([.. table.Columns, .. extra.Select(e => e.Name)], rows).Write(path);
    }

    /// <summary>A near-id: increasing integer codes, every 40th repeating its predecessor (97.5% distinct).</summary>
    public static string NearId(int row) => (100_000 + (13 * (row % 40 == 39 ? row - 1 : row))).ToString(CultureInfo.InvariantCulture);

    public static string Cell(CsvTable table, string[] row, string column) => row[table.ColumnIndex(column)];

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static ForgeRunner Runner(ForgeRequest request, bool execution, string model = "builtin") =>
        ForgeFactory.Create(TestPaths.Prompts, execution ? new AgentML.Sandbox.SandboxFactory().Create("process") : null, request, NullLoggerFactory.Instance,
            model: model, llm: FastLlmSettings);

    /// <summary>Short back-off and timeouts, circuit effectively off, no keys from the environment.</summary>
    public static LlmSettings FastLlmSettings { get; } = new()
    {
        CallTimeout = TimeSpan.FromSeconds(20),
        MaxRetries = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        CircuitMinimumThroughput = 1000,
        Environment = _ => null,
    };
}
