using AgentML.Forge.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;

namespace AgentML.Forge;

/// <summary>What to forge: input file or folder, output folder, tasks per file, seed.</summary>
public sealed record ForgeRequest
{
    /// <summary>A raw file (.csv, .tsv, optionally .gz, or .parquet) or a folder of them.</summary>
    public required string Input { get; init; }

    /// <summary>Accepted tasks go to &lt;Output&gt;/&lt;task-id&gt;, rejected ones to &lt;Output&gt;/_rejected/&lt;task-id&gt;; the report to &lt;Output&gt;/forge-report.{json,md}.</summary>
    public required string Output { get; init; }

    /// <summary>Accepted tasks wanted per file.</summary>
    public int TasksPerFile { get; init; } = 3;

    /// <summary>At most this many candidates are tried per file (0 = 3 × <see cref="TasksPerFile"/> + 2).</summary>
    public int MaxAttemptsPerFile { get; init; }

    public int Seed { get; init; }

    public VerificationOptions Verification { get; init; } = new();

    /// <summary>The LLM roles stop calling the model once the run has spent this much (USD) and the builtin roles finish; null: no limit.</summary>
    public decimal? MaxLlmCost { get; init; }

    public int EffectiveMaxAttempts => MaxAttemptsPerFile > 0 ? MaxAttemptsPerFile : (3 * TasksPerFile) + 2;

    public ForgeRequest Validate()
    {
        if (TasksPerFile < 1)
        {
            throw new UserFacingException($"--tasks {TasksPerFile}: expected at least 1.");
        }

        if (MaxLlmCost is < 0)
        {
            throw new UserFacingException($"--max-llm-cost {MaxLlmCost}: expected a cost of 0 or more (USD).");
        }

        if (!File.Exists(Input) && !Directory.Exists(Input))
        {
            throw new UserFacingException($"{Input}: no such file or folder.");
        }

        return this;
    }
}
