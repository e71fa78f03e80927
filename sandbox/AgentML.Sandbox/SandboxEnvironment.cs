using System.Globalization;

namespace AgentML.Sandbox;

/// <summary>The environment every back end gives a program, and the "{root}" placeholder.</summary>
public static class SandboxEnvironment
{
    public const string RootPlaceholder = SandboxJob.RootPlaceholder;

    /// <summary>Variables that cap the threads of BLAS, OpenMP, joblib and friends.</summary>
    public static IReadOnlyList<string> ThreadVariables { get; } =
    [
        "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS", "NUMEXPR_MAX_THREADS",
        "VECLIB_MAXIMUM_THREADS", "BLIS_NUM_THREADS", "GOTO_NUM_THREADS", "LOKY_MAX_CPU_COUNT", "AGENTML_THREADS",
    ];

    /// <summary>
    /// OpenMP's waiting threads sleep instead of spinning. With the default (spin), a fit with two OpenMP threads
    /// on a machine where anything else runs (the orchestrator, another program, a build) waits at every barrier
    /// for a descheduled thread: HistGradientBoosting's 200 rounds on 21k rows took 56-60 s instead of 1.4 s
    /// (benchmarks/quality/README.md, "OpenMP threads on a busy machine"). Programs may override it.
    /// </summary>
    public static KeyValuePair<string, string> OpenMpWaitPolicy { get; } = new("OMP_WAIT_POLICY", "PASSIVE");

    /// <summary>Replaces "{root}" by the root path the back end uses.</summary>
    public static string Substitute(string value, string root) => value.Replace(RootPlaceholder, root, StringComparison.Ordinal);

    /// <summary>
    /// The program's whole environment (nothing is inherited from ours: no keys leak): locale, unbuffered
    /// Python (metric lines arrive live), HOME at the root, sleeping OpenMP waits, the thread caps, then the job's
    /// own variables.
    /// </summary>
    public static Dictionary<string, string> Build(SandboxJob job, string root)
    {
        ArgumentNullException.ThrowIfNull(job);
        var threads = Math.Max(1, job.Threads).ToString(CultureInfo.InvariantCulture);
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["LANG"] = "C.UTF-8",
            ["LC_ALL"] = "C.UTF-8",
            ["HOME"] = root,
            ["PYTHONUNBUFFERED"] = "1",
            ["PYTHONDONTWRITEBYTECODE"] = "1",
            ["PYTHONHASHSEED"] = "0",
            ["MPLBACKEND"] = "Agg",
            [OpenMpWaitPolicy.Key] = OpenMpWaitPolicy.Value,
        };
        foreach (var name in ThreadVariables)
        {
            env[name] = threads;
        }

        foreach (var (name, value) in job.Environment)
        {
            env[name] = Substitute(value, root);
        }

        return env;
    }

    /// <summary>The command with "python" resolved and "{root}" substituted.</summary>
    public static IReadOnlyList<string> Command(SandboxJob job, string root, string python)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Command.Count == 0)
        {
            throw new ArgumentException("The sandbox job has an empty command.", nameof(job));
        }

        return job.Command.Select((part, i) => i == 0 && part == "python" ? python : Substitute(part, root)).ToArray();
    }
}
