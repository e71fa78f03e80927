using AgentML.Core.Runs;
using AgentML.Testing;

namespace AgentML.Core.Tests.Runs;

/// <summary>Where pretrained weights are looked for: --weights, else torch's hub cache ($TORCH_HOME, XDG, ~/.cache).</summary>
public sealed class PretrainedWeightsTests : IDisposable
{
    private readonly TempDirectory _temp = new("agentml-weights");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_given_folder_is_used_with_its_weight_files_only()
    {
        var folder = Folder("given", "resnet18-f37072fd.pth", "notes.txt", "mobilenet_v3_small-047dcff4.pth");

        var weights = PretrainedWeights.Find(folder, _ => throw new InvalidOperationException("the environment is not read when a folder is given"));

        Assert.True(weights.Found);
        Assert.Equal(folder, weights.Directory);
        Assert.Equal(["mobilenet_v3_small-047dcff4.pth", "resnet18-f37072fd.pth"], weights.Files);
    }

    [Fact]
    public void A_missing_given_folder_is_a_clear_error()
    {
        var missing = _temp.Combine("nowhere");

        var error = Assert.Throws<UserFacingException>(() => PretrainedWeights.Find(missing, _ => null));

        Assert.Contains($"--weights {missing}: no such folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Torch_home_comes_before_the_cache_folders_and_an_empty_cache_is_a_note_not_an_error()
    {
        var torchHome = _temp.Combine("torch-home");
        Folder(Path.Combine("torch-home", "hub", "checkpoints"), "resnet18-f37072fd.pth");
        var home = _temp.Combine("home");
        Folder(Path.Combine("home", ".cache", "torch", "hub", "checkpoints"), "readme.md");

        var fromTorchHome = PretrainedWeights.Find(null, v => v switch { "TORCH_HOME" => torchHome, "HOME" => home, _ => null });
        var fromHome = PretrainedWeights.Find(null, v => v == "HOME" ? home : null);

        Assert.Equal(Path.Combine(torchHome, "hub", "checkpoints"), fromTorchHome.Directory);
        Assert.False(fromHome.Found);
        Assert.Equal([Path.Combine(home, ".cache", "torch", "hub", "checkpoints")], fromHome.Searched);
        Assert.StartsWith("no pretrained weights on this machine (looked in " + Path.Combine(home, ".cache", "torch", "hub", "checkpoints"), fromHome.Describe(), StringComparison.Ordinal);
        Assert.Equal(Path.Combine(_temp.Combine("xdg"), "torch", "hub", "checkpoints"), PretrainedWeights.HubCache(v => v == "XDG_CACHE_HOME" ? _temp.Combine("xdg") : null));
    }

    private string Folder(string name, params string[] files)
    {
        var folder = _temp.Combine(name);
        Directory.CreateDirectory(folder);
        foreach (var file in files)
        {
            File.WriteAllText(Path.Combine(folder, file), "x");
        }

        return folder;
    }
}
