using System.ComponentModel;
using AgentML.Sandbox;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AgentML.Cli.Commands;

/// <summary>Options shared by the sandbox commands.</summary>
internal class SandboxCommonSettings : CommandSettings
{
    [CommandOption("--image <TAG>")]
    [Description("Docker image of the sandbox (default agentml-sandbox:<version>).")]
    public string Image { get; init; } = SandboxImage.DefaultTag;

    [CommandOption("--python <PATH>")]
    [Description("Python interpreter of the process back end (default: AGENTML_PYTHON, else the first of /usr/bin/python3 and python3 on PATH that imports sklearn).")]
    public string? Python { get; init; }

    [CommandOption("-v|--verbose")]
    [Description("Log what the sandbox does.")]
    public bool Verbose { get; init; }

    public SandboxOptions Options(string kind) => new() { Kind = kind, Image = Image, PythonPath = Python };
}

/// <summary>`agentml sandbox build` options.</summary>
internal sealed class SandboxBuildSettings : SandboxCommonSettings
{
    [CommandOption("--force")]
    [Description("Rebuild even when the image exists.")]
    public bool Force { get; init; }

    [CommandOption("--online")]
    [Description("Build from sandbox/image/Dockerfile instead (needs a registry and PyPI).")]
    public bool Online { get; init; }
}

/// <summary>`agentml sandbox run` options.</summary>
internal sealed class SandboxRunSettings : SandboxCommonSettings
{
    [CommandArgument(0, "<program.py>")]
    [Description("The Python program to run as solution.py.")]
    public string Program { get; init; } = "";

    [CommandOption("--input <DIR>")]
    [Description("Folder mounted read-only as input/.")]
    public string Input { get; init; } = "";

    [CommandOption("--sandbox <KIND>")]
    [Description("process (default) or docker.")]
    public string Sandbox { get; init; } = SandboxKinds.Process;

    [CommandOption("--time <SECONDS>")]
    [Description("Time limit in seconds (default 600).")]
    public int Time { get; init; } = 600;

    [CommandOption("--memory <MB>")]
    [Description("Memory limit in MiB, no swap (default 4096).")]
    public int Memory { get; init; } = 4096;

    [CommandOption("--threads <N>")]
    [Description("CPU threads (default 1).")]
    public int Threads { get; init; } = 1;

    [CommandOption("--seed <N>")]
    [Description("AGENTML_SEED (default 0).")]
    public int Seed { get; init; }

    [CommandOption("--root <DIR>")]
    [Description("Sandbox root (solution.py, working/, submission/); default a new folder under the temp folder. It is kept.")]
    public string? Root { get; init; }

    public override ValidationResult Validate()
    {
        if (!File.Exists(Program))
        {
            return ValidationResult.Error($"<program.py>: {Program} does not exist.");
        }

        if (Input.Length == 0)
        {
            return ValidationResult.Error("--input <DIR> is required: the folder mounted read-only as input/ (a task's public/ folder, say).");
        }

        if (!Directory.Exists(Input))
        {
            return ValidationResult.Error($"--input: '{Input}' is not a folder.");
        }

        if (!SandboxKinds.All.Contains(Sandbox))
        {
            return ValidationResult.Error($"--sandbox '{Sandbox}': expected process or docker.");
        }

        return Time < 1 || Memory < 16 || Threads < 1
            ? ValidationResult.Error("--time must be >= 1 s, --memory >= 16 MB and --threads >= 1.")
            : ValidationResult.Success();
    }
}

/// <summary>`agentml sandbox overhead` options.</summary>
internal sealed class SandboxOverheadSettings : SandboxCommonSettings
{
    [CommandOption("--runs <N>")]
    [Description("Measured runs per back end (default 20), after 2 warm-up runs.")]
    public int Runs { get; init; } = 20;

    [CommandOption("--sandbox <KIND>")]
    [Description("process, docker or all (default all).")]
    public string Sandbox { get; init; } = "all";

    public override ValidationResult Validate() =>
        Runs < 1 ? ValidationResult.Error("--runs must be >= 1.")
        : Sandbox is "all" || SandboxKinds.All.Contains(Sandbox) ? ValidationResult.Success()
        : ValidationResult.Error($"--sandbox '{Sandbox}': expected process, docker or all.");
}
