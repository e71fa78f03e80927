using System.Globalization;
using System.Text;

namespace AgentML.Bench.Tests;

/// <summary>Builds small competitions on disk: an AgentML task folder and MLE-bench prepared layouts, with leaderboards.</summary>
internal static class BenchFixtures
{
    /// <summary>
    /// A label task graded by accuracy: 20 test rows whose answers alternate "a"/"b"; the sample submission says "a"
    /// everywhere (accuracy 0.5). Leaderboard of 10 scores 0.95, 0.90, ..., 0.50 (higher is better).
    /// </summary>
    public static string TaskFolder(string root, string id = "toy-labels")
    {
        var dir = Path.Combine(root, id);
        Directory.CreateDirectory(Path.Combine(dir, "public"));
        Directory.CreateDirectory(Path.Combine(dir, "private"));
        File.WriteAllText(Path.Combine(dir, "competition.yaml"), $"""
            id: {id}
            name: Toy labels
            metric: accuracy
            id_column: id
            target_columns: [label]
            answers: private/answers.csv
            sample_submission: public/sample_submission.csv
            """);
        File.WriteAllText(Path.Combine(dir, "description.md"), "# Toy labels\nPredict the label (a or b) of each row. Graded by accuracy.\n");
        var train = new StringBuilder("id,x,label\n");
        for (var i = 0; i < 40; i++)
        {
            train.Append(CultureInfo.InvariantCulture, $"{100 + i},{i % 2},{(i % 2 == 0 ? "a" : "b")}\n");
        }

        File.WriteAllText(Path.Combine(dir, "public", "train.csv"), train.ToString());
        var test = new StringBuilder("id,x\n");
        var sample = new StringBuilder("id,label\n");
        var answers = new StringBuilder("id,label\n");
        for (var i = 0; i < 20; i++)
        {
            test.Append(CultureInfo.InvariantCulture, $"{i},{i % 2}\n");
            sample.Append(CultureInfo.InvariantCulture, $"{i},a\n");
            answers.Append(CultureInfo.InvariantCulture, $"{i},{(i % 2 == 0 ? "a" : "b")}\n");
        }

        File.WriteAllText(Path.Combine(dir, "public", "test.csv"), test.ToString());
        File.WriteAllText(Path.Combine(dir, "public", "sample_submission.csv"), sample.ToString());
        File.WriteAllText(Path.Combine(dir, "private", "answers.csv"), answers.ToString());
        WriteLeaderboard(Path.Combine(dir, "leaderboard.csv"), Enumerable.Range(0, 10).Select(k => 0.95 - (0.05 * k)));
        return dir;
    }

    /// <summary>MLE-bench's leaderboard.csv columns, best first.</summary>
    public static void WriteLeaderboard(string path, IEnumerable<double> scores)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var sb = new StringBuilder("scoreNullable,teamId,hasTeamName,submissionDate,score,hasScore\n");
        var team = 1;
        foreach (var s in scores)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{s},{team++},True,2020-01-01 00:00:00,{s},True\n");
        }

        File.WriteAllText(path, sb.ToString());
    }

    /// <summary>
    /// spooky-author-identification in MLE-bench's prepared layout: 12 test rows, one-hot answers, a uniform sample
    /// submission. Returns the perfect submission's text (the answers themselves).
    /// </summary>
    public static string Spooky(string dataDir)
    {
        var prepared = Path.Combine(dataDir, "spooky-author-identification", "prepared");
        Directory.CreateDirectory(Path.Combine(prepared, "public"));
        Directory.CreateDirectory(Path.Combine(prepared, "private"));
        string[] authors = ["EAP", "HPL", "MWS"];
        var train = new StringBuilder("id,text,author\n");
        for (var i = 0; i < 30; i++)
        {
            train.Append(CultureInfo.InvariantCulture, $"tr{i:000},\"words of {authors[i % 3]} number {i}\",{authors[i % 3]}\n");
        }

        var test = new StringBuilder("id,text\n");
        var sample = new StringBuilder("id,EAP,HPL,MWS\n");
        var answers = new StringBuilder("id,EAP,HPL,MWS\n");
        for (var i = 0; i < 12; i++)
        {
            var id = $"id{i:000}";
            test.Append(CultureInfo.InvariantCulture, $"{id},\"some text {i}\"\n");
            sample.Append(CultureInfo.InvariantCulture, $"{id},0.403493538995863,0.287808366106543,0.308698094897594\n");
            answers.Append(CultureInfo.InvariantCulture, $"{id},{(i % 3 == 0 ? 1 : 0)},{(i % 3 == 1 ? 1 : 0)},{(i % 3 == 2 ? 1 : 0)}\n");
        }

        File.WriteAllText(Path.Combine(prepared, "public", "train.csv"), train.ToString());
        File.WriteAllText(Path.Combine(prepared, "public", "test.csv"), test.ToString());
        File.WriteAllText(Path.Combine(prepared, "public", "sample_submission.csv"), sample.ToString());
        File.WriteAllText(Path.Combine(prepared, "public", "description.md"), "# Spooky Author Identification\nPredict the author. Multi-class log loss.\n");
        File.WriteAllText(Path.Combine(prepared, "private", "test.csv"), answers.ToString());
        return answers.ToString();
    }

    /// <summary>
    /// detecting-insults-in-social-commentary in MLE-bench's layout: id column Comment, extra Date column in the sample
    /// submission, an extra Usage column in the answers. Returns a perfect submission (with Date) as text.
    /// </summary>
    public static string Insults(string dataDir)
    {
        var prepared = Path.Combine(dataDir, "detecting-insults-in-social-commentary", "prepared");
        Directory.CreateDirectory(Path.Combine(prepared, "public"));
        Directory.CreateDirectory(Path.Combine(prepared, "private"));
        var train = new StringBuilder("Insult,Date,Comment\n");
        var test = new StringBuilder("Date,Comment\n");
        var sample = new StringBuilder("Insult,Date,Comment\n");
        var answers = new StringBuilder("Insult,Date,Comment,Usage\n");
        var perfect = new StringBuilder("Insult,Date,Comment\n");
        for (var i = 0; i < 10; i++)
        {
            var label = i % 2;
            train.Append(CultureInfo.InvariantCulture, $"{label},20120101000000Z,\"train comment {i}\"\n");
            test.Append(CultureInfo.InvariantCulture, $"20120102000000Z,\"comment {i}\"\n");
            sample.Append(CultureInfo.InvariantCulture, $"0,20120102000000Z,\"comment {i}\"\n");
            answers.Append(CultureInfo.InvariantCulture, $"{label},20120102000000Z,\"comment {i}\",PrivateTest\n");
            perfect.Append(CultureInfo.InvariantCulture, $"{(label == 1 ? 0.9 : 0.1)},20120102000000Z,\"comment {i}\"\n");
        }

        File.WriteAllText(Path.Combine(prepared, "public", "train.csv"), train.ToString());
        File.WriteAllText(Path.Combine(prepared, "public", "test.csv"), test.ToString());
        File.WriteAllText(Path.Combine(prepared, "public", "sample_submission_null.csv"), sample.ToString());
        File.WriteAllText(Path.Combine(prepared, "public", "description.md"), "# Insults\nAUC.\n");
        File.WriteAllText(Path.Combine(prepared, "private", "test.csv"), answers.ToString());
        return perfect.ToString();
    }

    /// <summary>
    /// jigsaw in MLE-bench's layout with two unscored answer rows (all -1). Returns a submission that is perfect on the
    /// scored rows and wrong on the unscored ones (so the score is 1 only if those rows are dropped).
    /// </summary>
    public static string Jigsaw(string dataDir)
    {
        var prepared = Path.Combine(dataDir, "jigsaw-toxic-comment-classification-challenge", "prepared");
        Directory.CreateDirectory(Path.Combine(prepared, "public"));
        Directory.CreateDirectory(Path.Combine(prepared, "private"));
        const string Classes = "toxic,severe_toxic,obscene,threat,insult,identity_hate";
        File.WriteAllText(Path.Combine(prepared, "public", "train.csv"), $"id,comment_text,{Classes}\nt1,\"hi\",0,0,0,0,0,0\n");
        var test = new StringBuilder("id,comment_text\n");
        var sample = new StringBuilder($"id,{Classes}\n");
        var answers = new StringBuilder($"id,{Classes}\n");
        var submission = new StringBuilder($"id,{Classes}\n");
        for (var i = 0; i < 10; i++)
        {
            var id = $"c{i:00}";
            test.Append(CultureInfo.InvariantCulture, $"{id},\"text {i}\"\n");
            sample.Append(CultureInfo.InvariantCulture, $"{id},0.5,0.5,0.5,0.5,0.5,0.5\n");
            if (i >= 8)
            {
                answers.Append(CultureInfo.InvariantCulture, $"{id},-1,-1,-1,-1,-1,-1\n");
                submission.Append(CultureInfo.InvariantCulture, $"{id},0.9,0.9,0.9,0.9,0.9,0.9\n");
                continue;
            }

            var y = i % 2;
            answers.Append(CultureInfo.InvariantCulture, $"{id},{y},{1 - y},{y},{1 - y},{y},{1 - y}\n");
            double P(int v) => v == 1 ? 0.8 : 0.2;
            submission.Append(CultureInfo.InvariantCulture, $"{id},{P(y)},{P(1 - y)},{P(y)},{P(1 - y)},{P(y)},{P(1 - y)}\n");
        }

        File.WriteAllText(Path.Combine(prepared, "public", "test.csv"), test.ToString());
        File.WriteAllText(Path.Combine(prepared, "public", "sample_submission.csv"), sample.ToString());
        File.WriteAllText(Path.Combine(prepared, "private", "test.csv"), answers.ToString());
        return submission.ToString();
    }
}
