using AgentML.Agents.Builtin;
using AgentML.Testing;

namespace AgentML.Agents.Tests.Builtin;

public sealed class BaselineTests
{
    [Fact]
    public async Task Every_baseline_renders_a_program_that_python_compiles()
    {
        var baselines = BaselinePrograms.Load(TestPaths.Prompts);
        var task = BuiltinFixture.Context("spam-emails").Task;
        using var temp = new TempDirectory();
        foreach (var name in BaselinePrograms.Names.Keys)
        {
            var code = baselines.Render(task, name);
            Assert.DoesNotContain("{{", code, StringComparison.Ordinal);
            Assert.Contains($"BASELINE = \"{name}\"", code, StringComparison.Ordinal);
            var path = temp.Combine($"{name}.py");
            await File.WriteAllTextAsync(path, code);
            var (exit, text) = await PythonRunner.ExecAsync(temp.Path, ["-m", "py_compile", path]);
            Assert.True(exit == 0, text);
        }
    }

    [Fact]
    public void Unknown_baseline_is_a_clear_error()
    {
        var baselines = BaselinePrograms.Load(TestPaths.Prompts);

        var ex = Assert.Throws<UserFacingException>(() => baselines.Render(BuiltinFixture.Context("penguin-species").Task, "catboost"));

        Assert.Contains("hgb, rf, linear, xgb", ex.Message, StringComparison.Ordinal);
    }
}
