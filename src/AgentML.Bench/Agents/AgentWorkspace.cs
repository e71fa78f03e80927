namespace AgentML.Bench.Agents;

/// <summary>
/// The folders of one run under <see cref="RunDirectory"/>, following MLE-bench's container: data (public files and
/// description.md, read-only for the agent), submission, logs, code and the agent's home.
/// </summary>
public sealed record AgentWorkspace(string RunDirectory, string DataDirectory)
{
    public string SubmissionDirectory => Path.Combine(RunDirectory, "submission");

    public string LogsDirectory => Path.Combine(RunDirectory, "logs");

    public string CodeDirectory => Path.Combine(RunDirectory, "code");

    public string AgentDirectory => Path.Combine(RunDirectory, "agent");

    public string SubmissionPath => Path.Combine(SubmissionDirectory, "submission.csv");

    /// <summary>Creates the run folder afresh (an interrupted earlier attempt is wiped).</summary>
    public void Reset()
    {
        if (Directory.Exists(RunDirectory))
        {
            Directory.Delete(RunDirectory, recursive: true);
        }

        Directory.CreateDirectory(SubmissionDirectory);
        Directory.CreateDirectory(LogsDirectory);
        Directory.CreateDirectory(CodeDirectory);
        Directory.CreateDirectory(AgentDirectory);
    }
}
