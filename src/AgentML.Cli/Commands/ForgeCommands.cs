using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>Registers the forge commands: `agentml forge &lt;raw-file-or-folder&gt; --out &lt;dir&gt;`.</summary>
internal static class ForgeCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AddCommand<ForgeCommand>("forge")
            .WithDescription("Turn raw tabular data (CSV/TSV, optionally .gz, or Parquet) into verified machine-learning tasks in task-folder format.")
            .WithExample("forge", "../shared/datasets/raw/palmerpenguins__penguins.csv", "--out", "forged")
            .WithExample("forge", "../shared/datasets/raw", "--out", "forged", "--tasks", "2", "--seed", "1", "--sandbox", "docker")
            .WithExample("forge", "../shared/datasets/raw/modeldata__ames.csv", "--out", "forged", "--model", "openai:gpt-4.1-mini", "--max-llm-cost", "0.50");
    }
}
