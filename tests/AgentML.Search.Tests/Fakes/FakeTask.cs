using System.Globalization;
using System.Text;

namespace AgentML.Search.Tests.Fakes;

/// <summary>
/// A synthetic regression task (rmse): y = x exactly, so a program that predicts x + offset scores |offset|.
/// Fake programs are "offset=0.3;low=0.2;refit=0.5;fail;folds=0.31,0.30,0.29;wait;finalfail;cover=1" (low, refit: the offset on the
/// low-fidelity or the refit input; finalfail: fails only in a final run (the refit, or a re-run on the task's public input);
/// cover: out-of-fold rows of the first folds only) lines that <see cref="FakeSandbox"/> interprets.
/// </summary>
internal static class FakeTask
{
    public static string Create(string directory, int trainRows = 200, int testRows = 50)
    {
        var pub = Path.Combine(directory, "public");
        Directory.CreateDirectory(pub);
        Directory.CreateDirectory(Path.Combine(directory, "private"));
        File.WriteAllText(Path.Combine(directory, "competition.yaml"),
            "id: fake-offset\nname: Fake offset\nmetric: rmse\nid_column: id\ntarget_columns: [y]\nanswers: private/answers.csv\nsample_submission: public/sample_submission.csv\n");
        File.WriteAllText(Path.Combine(directory, "description.md"), "Predict y from x. Graded by root mean squared error (rmse).\n");
        var train = new StringBuilder("id,x,y\n");
        var test = new StringBuilder("id,x\n");
        var sample = new StringBuilder("id,y\n");
        var answers = new StringBuilder("id,y\n");
        for (var i = 1; i <= trainRows + testRows; i++)
        {
            var x = ((i * 37) % 101 / 10.0).ToString(CultureInfo.InvariantCulture);
            if (i <= trainRows)
            {
                train.Append(CultureInfo.InvariantCulture, $"{i},{x},{x}\n");
            }
            else
            {
                test.Append(CultureInfo.InvariantCulture, $"{i},{x}\n");
                sample.Append(CultureInfo.InvariantCulture, $"{i},0\n");
                answers.Append(CultureInfo.InvariantCulture, $"{i},{x}\n");
            }
        }

        File.WriteAllText(Path.Combine(pub, "train.csv"), train.ToString());
        File.WriteAllText(Path.Combine(pub, "test.csv"), test.ToString());
        File.WriteAllText(Path.Combine(pub, "sample_submission.csv"), sample.ToString());
        File.WriteAllText(Path.Combine(directory, "private", "answers.csv"), answers.ToString());
        return directory;
    }

    public static string Program(double offset, bool fail = false, IReadOnlyList<double>? folds = null, bool wait = false, double? lowOffset = null, bool finalFail = false, int? cover = null, double? refitOffset = null)
    {
        var parts = new List<string> { "offset=" + offset.ToString("R", CultureInfo.InvariantCulture) };
        if (refitOffset is { } refit)
        {
            parts.Add("refit=" + refit.ToString("R", CultureInfo.InvariantCulture));
        }

        if (cover is { } covered)
        {
            parts.Add("cover=" + covered.ToString(CultureInfo.InvariantCulture));
        }

        if (finalFail)
        {
            parts.Add("finalfail");
        }

        if (lowOffset is { } low)
        {
            parts.Add("low=" + low.ToString("R", CultureInfo.InvariantCulture));
        }

        if (fail)
        {
            parts.Add("fail");
        }

        if (folds is not null)
        {
            parts.Add("folds=" + string.Join(",", folds.Select(f => f.ToString("R", CultureInfo.InvariantCulture))));
        }

        if (wait)
        {
            parts.Add("wait");
        }

        return string.Join(";", parts);
    }

    public static Dictionary<string, string> Parse(string code) =>
        code.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0].Trim(), p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);
}
