using System.ComponentModel;
using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>Options every bench command shares.</summary>
internal class BenchDbSettings : CommandSettings
{
    [CommandOption("--db <PATH>")]
    [Description("LiteDB database file (default ./agentml.db).")]
    public string Db { get; init; } = "agentml.db";

    [CommandOption("-v|--verbose")]
    [Description("Log details to the console.")]
    public bool Verbose { get; init; }
}

/// <summary>Options of `agentml bench [run]`.</summary>
internal sealed class BenchRunSettings : ExecutorStoreSettings
{
    [CommandArgument(0, "[inputs]")]
    [Description("Folders of task folders, or MLE-bench's data directory as `mlebench prepare` leaves it (<data>/<id>/prepared/{public,private}; ~/.cache/mle-bench/data by default).")]
    public string[] Inputs { get; init; } = [];

    [CommandOption("--agent <AGENT>")]
    [Description("agentml (AgentML's solve engine) or external (--agent-dir/--agent-cmd/--agent-image). Default: external when those are given, else agentml.")]
    public string? Agent { get; init; }

    [CommandOption("--model <MODEL>")]
    [Description("AgentML's model: builtin (default), openai:<model>, azure:<deployment>, openai-compatible:<model>@<url>.")]
    public string Model { get; init; } = "builtin";

    [CommandOption("--time <DURATION>")]
    [Description("Time limit per run, e.g. 90s, 2m, 1h (default 10m).")]
    public string Time { get; init; } = "10m";

    [CommandOption("--sandbox <KIND>")]
    [Description("process (default) or docker.")]
    public string Sandbox { get; init; } = "process";

    [CommandOption("--seeds <N>")]
    [Description("Runs per competition, seeds 0..N-1 (default 1; MLE-bench reports use at least 3).")]
    public int Seeds { get; init; } = 1;

    [CommandOption("--parallel <N>")]
    [Description("Runs at once (default 1).")]
    public int Parallel { get; init; } = 1;

    [CommandOption("--split <SPLIT>")]
    [Description("Only these competitions: a built-in split of MLE-bench (lite = low, medium, high, dev) or a file with one id per line.")]
    public string? Split { get; init; }

    [CommandOption("--leaderboards <DIR>")]
    [Description("Folder of leaderboards: <id>/leaderboard.csv or <id>.csv (MLE-bench's columns; only score is read).")]
    public string? Leaderboards { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Where benches keep reports and each run's submission, logs and code (default ./bench-runs; the bench uses <out>/<bench-id>).")]
    public string Out { get; init; } = "bench-runs";

    [CommandOption("--bench-id <ID>")]
    [Description("Name the bench; if a bench of that id exists it is resumed with its stored options.")]
    public string? BenchId { get; init; }

    [CommandOption("--agent-dir <DIR>")]
    [Description("External agent: folder placed in the sandbox as the agent's home (/home/agent in Docker).")]
    public string? AgentDir { get; init; }

    [CommandOption("--agent-cmd <COMMAND>")]
    [Description("External agent: shell command run in the agent's home (default: bash start.sh).")]
    public string? AgentCmd { get; init; }

    [CommandOption("--agent-image <IMAGE>")]
    [Description("External agent: a ready Docker image (implies --sandbox docker).")]
    public string? AgentImage { get; init; }
}

/// <summary>Settings of commands that name a bench.</summary>
internal sealed class BenchIdSettings : BenchDbSettings
{
    [CommandArgument(0, "<bench-id>")]
    [Description("The bench id (see `agentml bench list`).")]
    public string BenchId { get; init; } = "";

    [CommandOption("--parallel <N>")]
    [Description("resume: runs at once (default: the bench's own).")]
    public int? Parallel { get; init; }
}

/// <summary>Settings of `agentml bench validate`.</summary>
internal sealed class BenchValidateSettings : CommandSettings
{
    [CommandArgument(0, "<competition>")]
    [Description("A task folder, or an MLE-bench competition folder <data>/<id> (with prepared/).")]
    public string Competition { get; init; } = "";

    [CommandArgument(1, "<submission>")]
    [Description("The submission CSV to check.")]
    public string Submission { get; init; } = "";
}
