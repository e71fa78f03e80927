using AgentML.Agents.Roles;
using AgentML.Core.Data;
using AgentML.Core.Runs;
using AgentML.Testing;

namespace AgentML.Agents.Tests.Builtin;

/// <summary>
/// Pretrained backbones: weights already on the machine (here a randomly initialised torchvision resnet18 saved under
/// torchvision's file name, as no real weights are available) are found, offered as drafts, loaded without any
/// download and give valid predictions; without weights the plans say so and offer no backbone draft.
/// </summary>
public sealed partial class ImageProgramTests
{
    private const string ResNetFile = "resnet18-f37072fd.pth";

    [Fact]
    public async Task Backbone_weights_on_the_machine_are_found_used_frozen_and_give_valid_out_of_fold_and_test_predictions()
    {
        var (context, work, plans, frozen, exit, output) = await RunBackboneAsync(ImageLayout.TestFolder, "backbone",
            p => p.Recipe!.Contains("\"route\": \"backbone\"", StringComparison.Ordinal) && !p.Recipe.Contains("finetune", StringComparison.Ordinal));

        Assert.Contains($"Pretrained backbone: resnet18 ({ResNetFile} in {context.Weights.Directory}", frozen.Text, StringComparison.Ordinal);
        Assert.Contains(plans, p => p.Recipe!.Contains("\"finetune\": true", StringComparison.Ordinal));
        Assert.True(exit == 0, output);
        Assert.Contains($"pretrained backbone resnet18 ({ResNetFile}), frozen: 512 features per image", output, StringComparison.Ordinal);
        var oof = CsvTable.Read(Path.Combine(work, "submission", "oof.csv"));
        Assert.Equal(CsvTable.Read(context.Task.TrainPath).Column("id"), oof.Column("id"));
        Assert.True(Grade(context, work) > 0.8, output);
    }

    [Fact]
    public async Task Backbone_fine_tuning_trains_the_loaded_network_within_its_time_slices()
    {
        var (context, work, _, _, exit, output) = await RunBackboneAsync(ImageLayout.FileNameIds, "finetune",
            p => p.Recipe!.Contains("\"finetune\": true", StringComparison.Ordinal));

        Assert.True(exit == 0, output);
        Assert.Contains("pretrained resnet18 fine-tuned at", output, StringComparison.Ordinal);
        Assert.Equal(CsvTable.Read(context.Task.TrainPath).RowCount, CsvTable.Read(Path.Combine(work, "submission", "oof.csv")).RowCount);
        Assert.True(Grade(context, work) > 0.7, output);
    }

    [Fact]
    public async Task Without_weights_the_plans_note_it_and_offer_no_backbone()
    {
        var home = _temp.Combine("empty-home");
        Directory.CreateDirectory(home);
        var context = Context(ImageLayout.TestFolder, 60, PretrainedWeights.Find(null, v => v == "HOME" ? home : null));

        var plans = await BuiltinFixture.Team.Planner.ProposeAsync(context, TreeSummary.Empty, 5, CancellationToken.None);

        Assert.NotEmpty(plans);
        Assert.DoesNotContain(plans, p => p.Recipe!.Contains("backbone", StringComparison.Ordinal));
        var checkpoints = Path.Combine(home, ".cache", "torch", "hub", "checkpoints");
        Assert.All(plans, p => Assert.Contains($"Note: no pretrained weights on this machine (looked in {checkpoints}", p.Text, StringComparison.Ordinal));
        Assert.All(plans, p => Assert.Contains("the networks train from scratch", p.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Weights_of_unknown_networks_are_noted_and_not_used()
    {
        var folder = _temp.Combine("unknown-weights");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "my_detector-0123abcd.pth"), "not a torchvision network");
        var context = Context(ImageLayout.TestFolder, 60, PretrainedWeights.Find(folder, _ => null));

        var plans = await BuiltinFixture.Team.Planner.ProposeAsync(context, TreeSummary.Empty, 5, CancellationToken.None);

        Assert.DoesNotContain(plans, p => p.Recipe!.Contains("backbone", StringComparison.Ordinal));
        Assert.Contains("but none of a network the image expert knows (resnet18-*.pth", plans[0].Text, StringComparison.Ordinal);
    }

    /// <summary>The task with resnet18 weights on the machine, the first plan <paramref name="pick"/> accepts rendered and run with weights/ beside input/.</summary>
    private async Task<(TaskContext Context, string Work, IReadOnlyList<Plan> Plans, Plan Chosen, int ExitCode, string Output)> RunBackboneAsync(
        ImageLayout layout, string name, Func<Plan, bool> pick)
    {
        var weights = await SaveRandomResNetAsync();
        var context = Context(layout, 90, PretrainedWeights.Find(weights, _ => null));
        var work = Stage(context, name);
        CopyWeightsAsMounted(weights, work);
        var plans = await BuiltinFixture.Team.Planner.ProposeAsync(context, TreeSummary.Empty, 5, CancellationToken.None);
        var chosen = Assert.Single(plans, p => pick(p));
        var program = await BuiltinFixture.Team.Coder.WriteAsync(context, chosen, TreeSummary.Empty, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(work, "solution.py"), program.Code);
        var (exit, output) = await PythonRunner.ExecAsync(work, ["solution.py"], 90);
        return (context, work, plans, chosen, exit, output);
    }

    /// <summary>A randomly initialised resnet18's state_dict under torchvision's file name, once per test class instance.</summary>
    private async Task<string> SaveRandomResNetAsync()
    {
        var folder = _temp.Combine("weights");
        Directory.CreateDirectory(folder);
        if (!File.Exists(Path.Combine(folder, ResNetFile)))
        {
            var (exit, output) = await PythonRunner.ExecAsync(folder,
                ["-c", $"import torch, torchvision; torch.manual_seed(0); torch.save(torchvision.models.resnet18(weights=None).state_dict(), '{ResNetFile}')"]);
            Assert.True(exit == 0, output);
        }

        return folder;
    }

    /// <summary>What the sandbox does: the weights folder read-only at weights/ beside input/.</summary>
    private static void CopyWeightsAsMounted(string weights, string work)
    {
        Directory.CreateDirectory(Path.Combine(work, PretrainedWeights.MountName));
        foreach (var file in Directory.EnumerateFiles(weights))
        {
            File.Copy(file, Path.Combine(work, PretrainedWeights.MountName, Path.GetFileName(file)));
        }
    }
}
