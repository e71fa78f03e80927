using System.ComponentModel;
using AgentML.Search;
using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>Options shared by the solve-family commands.</summary>
internal class StoreCommandSettings : CommandSettings
{
    [CommandOption("--db <PATH>")]
    [Description("The LiteDB file of runs (default ./agentml.db).")]
    public string Db { get; init; } = "agentml.db";

    [CommandOption("-v|--verbose")]
    [Description("Log every node and decision to stderr; a solve prints plain lines, every node without folding.")]
    public bool Verbose { get; init; }
}

/// <summary>Options of the commands that run a solve (solve, resume).</summary>
internal class RunCommandSettings : StoreCommandSettings
{
    [CommandOption("-q|--quiet")]
    [Description("Print only the outcome (no live display, no per-node lines).")]
    public bool Quiet { get; init; }
}

/// <summary>`agentml solve` options.</summary>
internal sealed class SolveCommandSettings : ExecutorStoreSettings
{
    [CommandOption("-q|--quiet")]
    [Description("Print only the outcome (no live display, no per-node lines).")]
    public bool Quiet { get; init; }

    [CommandArgument(0, "<FOLDER>")]
    [Description("A task folder (competition.yaml) or a Kaggle-style folder with train.csv, test.csv and sample_submission.csv.")]
    public string Folder { get; init; } = "";

    [CommandOption("--time <DURATION>")]
    [Description("Time for the whole run, including the final re-run: 90s, 5m, 1h (default 10m; 20s at least, to run one candidate on small data).")]
    public string Time { get; init; } = "10m";

    [CommandOption("--max-nodes <N>")]
    [Description("Stop after this many nodes.")]
    public int? MaxNodes { get; init; }

    [CommandOption("--parallel <N>")]
    [Description("Candidates evaluated at once (default: one per core, at most 4).")]
    public int? Parallel { get; init; }

    [CommandOption("--threads <N>")]
    [Description("Threads per program (default: cores / parallel).")]
    public int? Threads { get; init; }

    [CommandOption("--seed <N>")]
    public int Seed { get; init; }

    [CommandOption("--policy <NAME>")]
    [Description("staged (default), greedy or uct.")]
    public string Policy { get; init; } = "staged";

    [CommandOption("--sandbox <KIND>")]
    [Description("process (default) or docker.")]
    public string Sandbox { get; init; } = "process";

    [CommandOption("--model <SPEC>")]
    [Description("builtin (default), openai:<model>, azure:<deployment> or openai-compatible:<model>@<url>. A node makes at most 3 chat requests (one ask, up to two follow-ups); a model that answers twice with a program already run, or with no usable program, leaves that node to the builtin role; one that did so on 3 asks in a row is not asked for programs for 1 minute, then 2, 4, 8, 16 (the builtin roles write those nodes); a search whose last 8 nodes all repeated earlier programs stops.")]
    public string Model { get; init; } = "builtin";

    [CommandOption("--max-llm-cost <USD>")]
    [Description("Stop LLM calls once the run has spent this much (USD); the builtin roles finish the run.")]
    public decimal? MaxLlmCost { get; init; }

    [CommandOption("--llm-requests-per-minute <N>")]
    [Description("At most N chat requests in any minute, over all roles and models (default 30); beyond it the builtin roles write the nodes.")]
    public int LlmRequestsPerMinute { get; init; } = SolveSettings.DefaultLlmRequestsPerMinute;

    [CommandOption("--role-model <ROLE=SPEC>")]
    [Description("A model for one role (planner, coder, debugger, improver, merger); repeatable.")]
    public string[] RoleModels { get; init; } = [];

    [CommandOption("--metric <NAME>")]
    [Description("Metric when the task does not name one.")]
    public string? Metric { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Where runs/<run-id>/ folders go (default ./runs).")]
    public string Out { get; init; } = "runs";

    [CommandOption("--early-scoring <MODE>")]
    [Description("auto (default: low-fidelity runs when the data is large and time allows), on or off.")]
    public string EarlyScoring { get; init; } = "auto";

    [CommandOption("--program-time <DURATION>")]
    [Description("Limit of one candidate program (default: 30% of --time, 20 s to 20 min).")]
    public string? ProgramTime { get; init; }

    [CommandOption("--memory <MB>")]
    [Description("Memory limit of one program in MiB (default 4096).")]
    public int Memory { get; init; } = 4096;

    [CommandOption("--weights <DIR>")]
    [Description("A folder of pretrained torchvision weight files (resnet18-*.pth, mobilenet_v3_small-*.pth, efficientnet_b0*-*.pth, ...) that the image expert may use, mounted read-only into the sandbox. Default: torch's hub cache ($TORCH_HOME/hub/checkpoints or ~/.cache/torch/hub/checkpoints) when it holds any. Nothing is downloaded; without weights the networks train from scratch.")]
    public string? Weights { get; init; }

    [CommandOption("--no-refit")]
    [Description("Keep the fold models' submission: never re-run the chosen node (or the ensemble's members) on all labelled rows after the search. By default that refit happens only when a class has fewer labelled rows than there are folds.")]
    public bool NoRefit { get; init; }

    [CommandOption("--refit")]
    [Description("Re-run the chosen node (or the ensemble's members) on all labelled rows after the search whenever it fits the time left, not only when a class is rarer than the folds.")]
    public bool Refit { get; init; }
}

/// <summary>`agentml resume` options.</summary>
internal sealed class ResumeCommandSettings : RunCommandSettings
{
    [CommandArgument(0, "<RUN-ID>")]
    [Description("The run to continue (an id or a unique prefix).")]
    public string RunId { get; init; } = "";

    [CommandOption("--time <DURATION>")]
    [Description("Time for this session (default: what the run had left, at least a minute).")]
    public string? Time { get; init; }
}

/// <summary>`agentml show` options.</summary>
internal sealed class ShowCommandSettings : StoreCommandSettings
{
    [CommandArgument(0, "<RUN-ID>")]
    public string RunId { get; init; } = "";

    [CommandOption("--write-report")]
    [Description("Also rewrite the run's report.html and report.md from the database.")]
    public bool WriteReport { get; init; }
}
