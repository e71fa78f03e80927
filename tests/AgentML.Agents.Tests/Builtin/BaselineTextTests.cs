using System.Text;
using AgentML.Agents.Builtin;
using AgentML.Core.Grading;
using AgentML.Core.Tasks;
using AgentML.Testing;

namespace AgentML.Agents.Tests.Builtin;

/// <summary>The tree baselines read text columns too (TF-IDF reduced by SVD): on a text-only task they learn.</summary>
public sealed class BaselineTextTests
{
    [Fact]
    public async Task Tree_baseline_learns_from_a_text_only_task()
    {
        using var temp = new TempDirectory();
        var folder = WriteTextTask(temp.Combine("text"));
        var task = new TaskLoader().Load(folder);
        var code = BaselinePrograms.Load(TestPaths.Prompts).Render(task, "hgb");
        var run = temp.Combine("run");
        Directory.CreateDirectory(Path.Combine(run, "input"));
        foreach (var file in new[] { "train.csv", "test.csv", "sample_submission.csv" })
        {
            File.Copy(Path.Combine(folder, "public", file), Path.Combine(run, "input", file));
        }

        await File.WriteAllTextAsync(Path.Combine(run, "solution.py"), code);
        var (exit, output) = await PythonRunner.ExecAsync(run, ["solution.py"]);

        Assert.True(exit == 0, output);
        var grade = new SubmissionGrader().Grade(task, Path.Combine(run, "submission", "submission.csv"), task.AnswersPath!);
        Assert.True(grade.IsValid, grade.InvalidReason);
        Assert.True(grade.Score > 0.8, $"AUC {grade.Score}\n{output}");
    }

    /// <summary>Messages of 12 words: spam draws a third of its words from a spam vocabulary, ham from a ham one.</summary>
    private static string WriteTextTask(string folder)
    {
        string[] common = ["the", "a", "meeting", "today", "please", "see", "attached", "thanks", "regards", "and", "for", "you"];
        string[] spam = ["free", "winner", "prize", "cash", "offer", "click", "viagra", "cheap"];
        string[] ham = ["project", "schedule", "review", "lunch", "report", "team", "notes", "draft"];
        var random = new Random(7);
        Directory.CreateDirectory(Path.Combine(folder, "public"));
        Directory.CreateDirectory(Path.Combine(folder, "private"));
        StringBuilder train = new("id,message,label\n"), test = new("id,message\n"), answers = new("id,label\n"), sample = new("id,label\n");
        for (var i = 0; i < 400; i++)
        {
            var isSpam = random.NextDouble() < 0.4;
            var words = Enumerable.Range(0, 12).Select(_ => random.NextDouble() < 0.35
                ? (isSpam ? spam : ham)[random.Next(8)]
                : common[random.Next(common.Length)]);
            var message = string.Join(' ', words);
            var label = isSpam ? "spam" : "ham";
            if (i < 300)
            {
                train.Append($"{i},{message},{label}\n");
            }
            else
            {
                test.Append($"{i},{message}\n");
                answers.Append($"{i},{label}\n");
                sample.Append($"{i},0.5\n");
            }
        }

        File.WriteAllText(Path.Combine(folder, "public", "train.csv"), train.ToString());
        File.WriteAllText(Path.Combine(folder, "public", "test.csv"), test.ToString());
        File.WriteAllText(Path.Combine(folder, "public", "sample_submission.csv"), sample.ToString());
        File.WriteAllText(Path.Combine(folder, "private", "answers.csv"), answers.ToString());
        File.WriteAllText(Path.Combine(folder, "competition.yaml"),
            "id: text-only\nmetric: roc_auc\nid_column: id\ntarget_columns: [label]\npositive_label: spam\nanswers: private/answers.csv\nsample_submission: public/sample_submission.csv\n");
        return folder;
    }
}
