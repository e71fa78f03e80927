using System.Diagnostics;
using AgentML.Testing;

namespace AgentML.Bench.Tests;

/// <summary>The in-sandbox format validator (prompts/bench/validate_submission.py), run with real Python.</summary>
public sealed class ValidateScriptTests
{
    private static readonly string Script = Path.Combine(TestPaths.Prompts, "bench", "validate_submission.py");

    [Fact]
    public void Valid_submission_passes_and_bad_ones_are_explained()
    {
        using var temp = new TempDirectory("agentml-validate");
        var sample = temp.Combine("sample.csv");
        File.WriteAllText(sample, "id,label\n1,a\n2,a\n3,a\n");
        var good = temp.Combine("good.csv");
        File.WriteAllText(good, "id,label\n3,b\n1,a\n2,b\n");
        var missingId = temp.Combine("missing.csv");
        File.WriteAllText(missingId, "id,label\n1,a\n2,b\n");
        var wrongColumns = temp.Combine("cols.csv");
        File.WriteAllText(wrongColumns, "id,target\n1,a\n2,b\n3,c\n");
        var empty = temp.Combine("empty.csv");
        File.WriteAllText(empty, "id,label\n1,a\n2,\n3,b\n");

        Assert.Equal((0, "Submission is valid."), Run(good, sample));
        var (code, output) = Run(missingId, sample);
        Assert.Equal(1, code);
        Assert.Contains("expected 3 rows, got 2", output, StringComparison.Ordinal);
        Assert.Contains("test ids missing", output, StringComparison.Ordinal);
        Assert.Contains("missing columns: label", Run(wrongColumns, sample).Output, StringComparison.Ordinal);
        Assert.Contains("line 3: column label is empty", Run(empty, sample).Output, StringComparison.Ordinal);
        Assert.Contains("no submission", Run(temp.Combine("nope.csv"), sample).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Id_column_can_be_any_column()
    {
        using var temp = new TempDirectory("agentml-validate");
        var sample = temp.Combine("sample.csv");
        File.WriteAllText(sample, "Insult,Date,Comment\n0,d,\"x, y\"\n0,d,z\n");
        var good = temp.Combine("good.csv");
        File.WriteAllText(good, "Insult,Date,Comment\n0.2,d,z\n0.9,d,\"x, y\"\n");
        var bad = temp.Combine("bad.csv");
        File.WriteAllText(bad, "Insult,Date,Comment\nhigh,d,z\n0.9,d,\"x, y\"\n");
        Assert.Equal(0, Run(good, sample, "Comment").Code);
        Assert.Contains("should be a number", Run(bad, sample, "Comment").Output, StringComparison.Ordinal);
    }

    private static (int Code, string Output) Run(string submission, string sample, string? idColumn = null)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Script);
        psi.ArgumentList.Add(submission);
        psi.Environment["SAMPLE_SUBMISSION"] = sample;
        if (idColumn is not null)
        {
            psi.Environment["ID_COLUMN"] = idColumn;
        }

        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output.Trim());
    }
}
