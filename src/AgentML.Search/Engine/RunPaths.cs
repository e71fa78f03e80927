using AgentML.Core.Runs;

namespace AgentML.Search.Engine;

/// <summary>The layout of runs/&lt;run-id&gt;/.</summary>
public sealed class RunPaths
{
    public RunPaths(string root) => Root = Path.GetFullPath(root);

    public string Root { get; }

    public string Submission => Path.Combine(Root, "submission.csv");

    public string BestSolution => Path.Combine(Root, "best_solution.py");

    public string TreeJson => Path.Combine(Root, "tree.json");

    public string ReportMarkdown => Path.Combine(Root, "report.md");

    public string ReportHtml => Path.Combine(Root, "report.html");

    /// <summary>The development split (input folders and held-out answers).</summary>
    public string Dev => Path.Combine(Root, "dev");

    /// <summary>Sandbox roots of running programs (deleted after each run).</summary>
    public string Work => Path.Combine(Root, "work");

    public string Node(string nodeId) => Path.Combine(Root, "nodes", nodeId);

    public string NodeSolution(string nodeId) => Path.Combine(Node(nodeId), "solution.py");

    /// <summary>Output of the node's full-fidelity run (output-low.txt for the subsample, output-final.txt for the re-run).</summary>
    public string NodeOutput(string nodeId, Fidelity fidelity) =>
        Path.Combine(Node(nodeId), fidelity == Fidelity.Full ? "output.txt" : $"output-{fidelity.ToText()}.txt");

    /// <summary>The node's prediction of the task's real test set from its search run (when the split carries it).</summary>
    public string NodeTestSubmission(string nodeId) => Path.Combine(Node(nodeId), "submission-test.csv");

    /// <summary>The node's out-of-fold predictions (as the program wrote them).</summary>
    public string NodeOof(string nodeId) => Path.Combine(Node(nodeId), "oof.csv");

    /// <summary>The node's predictions of the sealed check rows.</summary>
    public string NodeCheck(string nodeId) => Path.Combine(Node(nodeId), "check.csv");

    /// <summary>The ensemble's prediction of the task's real test set.</summary>
    public string EnsembleSubmission => Path.Combine(Root, "ensemble-submission.csv");

    public string SandboxRoot(string nodeId, Fidelity fidelity) => Path.Combine(Work, $"{nodeId}-{fidelity.ToText()}");
}
