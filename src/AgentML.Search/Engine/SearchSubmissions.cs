using AgentML.Core.Data;
using AgentML.Store.Runs;

namespace AgentML.Search.Engine;

/// <summary>
/// Submissions of the task's real test set made during the search (see <see cref="Data.DevSplit.TaskTestRows"/>): a
/// candidate's submission is split into the held-out part, which is graded, and the real test part, which is checked
/// against the task's sample submission and kept beside the node. The best node's is copied to the run's
/// submission.csv at once, so a valid submission exists from the first working node on.
/// </summary>
internal static class SearchSubmissions
{
    /// <summary>
    /// Splits <paramref name="submission"/>: the held-out rows go to <paramref name="devPath"/> (to be graded), the real
    /// test rows, when they fit the task's sample submission, to the node's submission-test.csv. Returns the path to
    /// grade: <paramref name="devPath"/>, or the submission itself when it cannot be read (the grader says why).
    /// </summary>
    public static string Split(RunState state, string nodeId, string submission, string devPath)
    {
        CsvTable table;
        try
        {
            table = CsvTable.Read(submission);
        }
        catch (UserFacingException)
        {
            return submission;
        }

        var id = table.ColumnIndex(state.Task.IdColumn);
        if (id < 0)
        {
            return submission;
        }

        var taskIds = state.TaskTestIds;
        var dev = table.Rows.Where(r => !taskIds.Contains(r[id])).ToList();
        var test = table.Rows.Where(r => taskIds.Contains(r[id])).ToList();
        new CsvTable(table.Columns, dev).Write(devPath);
        var kept = state.Paths.NodeTestSubmission(nodeId);
        Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
        new CsvTable(table.Columns, test).Write(kept);
        var (normalised, _) = SubmissionValidator.Validate(kept, state.Task.SampleSubmissionPath, state.Task.IdColumn);
        if (normalised is null)
        {
            File.Delete(kept);
        }
        else
        {
            normalised.Write(kept);
        }

        return devPath;
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
