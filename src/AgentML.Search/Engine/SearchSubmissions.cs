using AgentML.Core.Data;
using AgentML.Store.Runs;

namespace AgentML.Search.Engine;

/// <summary>
/// A candidate's submission.csv holds the sealed check rows and, when they ride along, the task's real test rows
/// (<see cref="Data.FoldPlan.TaskTestRows"/>): the check rows are kept beside the node for the ensemble's check score,
/// the test rows, checked against the task's sample submission, as the node's submission-test.csv. The best node's
/// (or the ensemble's) is the run's submission.csv from the first working node on.
/// </summary>
internal static class SearchSubmissions
{
    /// <summary>Keeps the check rows and the task's test rows of <paramref name="submission"/> beside node <paramref name="nodeId"/>.</summary>
    public static void Keep(RunState state, string nodeId, CsvTable submission)
    {
        var id = submission.ColumnIndex(state.Task.IdColumn);
        if (id < 0)
        {
            return;
        }

        var taskIds = state.Folds.PredictsTaskTest ? state.TaskTestIds : new HashSet<string>(StringComparer.Ordinal);
        Directory.CreateDirectory(state.Paths.Node(nodeId));
        new CsvTable(submission.Columns, submission.Rows.Where(r => !taskIds.Contains(r[id])).ToList()).Write(state.Paths.NodeCheck(nodeId));
        if (taskIds.Count == 0)
        {
            return;
        }

        var kept = state.Paths.NodeTestSubmission(nodeId);
        new CsvTable(submission.Columns, submission.Rows.Where(r => taskIds.Contains(r[id])).ToList()).Write(kept);
        var (normalised, _) = SubmissionValidator.Validate(kept, state.Task.SampleSubmissionPath, state.Task.IdColumn);
        if (normalised is null)
        {
            File.Delete(kept);
        }
        else
        {
            normalised.Write(kept);
        }
    }

    /// <summary>The node's real-test submission from the search, when it has a valid one.</summary>
    public static string? Of(RunState state, NodeRecord node) =>
        File.Exists(state.Paths.NodeTestSubmission(node.Id)) ? state.Paths.NodeTestSubmission(node.Id) : null;

    /// <summary>Copies the node's search submission to the run's submission.csv; false when it has none.</summary>
    public static bool Promote(RunState state, NodeRecord node)
    {
        if (Of(state, node) is not { } path)
        {
            return false;
        }

        try
        {
            Directory.CreateDirectory(state.Paths.Root);
            File.Copy(path, state.Paths.Submission, overwrite: true);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
