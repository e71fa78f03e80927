using AgentML.Forge.Data;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;
using AgentML.Testing;

namespace AgentML.Forge.Tests;

public sealed class RefactorAndVerifyTests
{
    private static async Task<(RawDataset Data, TaskDesign Design)> DesignAsync(string target)
    {
        var data = ForgeTestData.Read(ForgeTestData.Penguins);
        var candidate = (await new BuiltinBrainstormer(ForgeTestData.Knowledge).BrainstormAsync(data, 20, CancellationToken.None)).Single(c => c.Target == target && c.Variant is null);
        return (data, await new BuiltinDesigner(ForgeTestData.Knowledge).DesignAsync(data, candidate, CancellationToken.None));
    }

    [Fact]
    public async Task The_same_seed_writes_identical_folders_and_another_seed_another_split()
    {
        var (data, design) = await DesignAsync("sex");
        using var temp = new TempDirectory("forge-seed");
        var refactorer = new BuiltinRefactorer();
        await refactorer.WriteAsync(data, design, temp.Combine("a"), 5, CancellationToken.None);
        await refactorer.WriteAsync(data, design, temp.Combine("b"), 5, CancellationToken.None);
        await refactorer.WriteAsync(data, design, temp.Combine("c"), 6, CancellationToken.None);

        foreach (var file in new[] { "public/train.csv", "public/test.csv", "public/sample_submission.csv", "private/answers.csv", "competition.yaml", "description.md" })
        {
            Assert.Equal(File.ReadAllBytes(temp.Combine("a", file)), File.ReadAllBytes(temp.Combine("b", file)));
        }

        Assert.NotEqual(File.ReadAllText(temp.Combine("a", "public/test.csv")), File.ReadAllText(temp.Combine("c", "public/test.csv")));
    }

    [Fact]
    public async Task Structural_checks_pass_on_a_written_task_and_catch_a_target_left_in_test()
    {
        var (data, design) = await DesignAsync("species");
        using var temp = new TempDirectory("forge-struct");
        var task = await new BuiltinRefactorer().WriteAsync(data, design, temp.Combine("t"), 0, CancellationToken.None);
        var verifier = new StructuralVerifier(new VerificationOptions());

        var good = await verifier.VerifyAsync(task, CancellationToken.None);
        Assert.True(good.Passed, string.Join("; ", good.Checks.Where(c => !c.Passed).Select(c => c.Detail)));

        // Break it: put the target back into test.csv (as a leaky refactorer would).
        var train = AgentML.Core.Data.CsvTable.Read(temp.Combine("t", "public", "train.csv"));
        var test = AgentML.Core.Data.CsvTable.Read(temp.Combine("t", "public", "test.csv"));
        new AgentML.Core.Data.CsvTable([.. test.Columns, "species"], test.Rows.Select(r => (string[])[.. r, "Adelie"]).ToArray())
            .Write(temp.Combine("t", "public", "test.csv"));
        var bad = await verifier.VerifyAsync(task, CancellationToken.None);
        Assert.False(bad.Passed);
        Assert.Contains(bad.Checks, c => !c.Passed && c.Name is "schemas" or "no-answers-in-public" or "loads");
        Assert.NotEmpty(train.Rows);
    }
}
