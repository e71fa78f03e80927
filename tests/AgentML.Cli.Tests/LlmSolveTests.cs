using AgentML.Core.Runs;
using System.Diagnostics;
using AgentML.Store.Runs;
using AgentML.Search;
using AgentML.Testing;
using AgentML.Testing.ScriptedLlm;

namespace AgentML.Cli.Tests;

/// <summary>
/// A whole `agentml solve --model openai-compatible:...` run on penguin-species against the scripted LLM server:
/// PlanSearch plans the drafts, and the scripted programs of draft (the first one buggy), debug, improve and merge
/// calls run in the process sandbox and are scored by the orchestrator.
/// </summary>
public sealed class LlmSolveTests
{
    [Fact]
    public async Task Solve_with_an_openai_compatible_model_drafts_debugs_improves_and_merges_with_the_scripted_programs()
    {
        var responder = new ScriptedSolveResponder();
        await using var server = ScriptedLlmServer.Start(responder.Respond);
        using var dir = new TempDirectory("agentml-llm-solve");
        var db = dir.Combine("agentml.db");

        var (exit, output) = await RunCliAsync(
            "solve", TestPaths.Task("penguin-species"),
            "--model", $"openai-compatible:gpt-4o@{server.OpenAIBaseUrl}",
            "--time", "8m", "--max-nodes", "10", "--parallel", "1", "--threads", "1", "--seed", "3",
            "--early-scoring", "off", "--program-time", "2m",
            "--db", db, "--out", dir.Combine("runs"));

        Assert.True(exit == 0, $"exit {exit}\n{output}");
        Assert.Equal(0, server.UnscriptedCount);
        foreach (var kind in new[] { "observations", "derive", "plan", "critique", "draft", "debug", "improve", "merge" })
        {
            Assert.True(responder.Calls.GetValueOrDefault(kind) > 0, $"no {kind} call; calls: {string.Join(", ", responder.Calls)}\n{output}");
        }

        var store = RunStore.Open(db);
        var run = Assert.Single(store.ListRuns());
        Assert.Equal(RunStatus.Finished, run.Status);
        var nodes = store.GetNodes(run.Id);
        Assert.All(nodes, n => Assert.Equal("llm", n.Agent));
        Assert.All(nodes, n => Assert.Equal($"openai-compatible:gpt-4o@{server.OpenAIBaseUrl}", n.Model));
        Assert.Contains(nodes, n => n is { Operator: NodeOperator.Draft, Status: NodeStatus.Buggy } && n.Error!.Contains("species_name", StringComparison.Ordinal));
        var table = string.Join("\n", nodes.Select(n => $"{n.Id} {n.Operator} {n.Status} {n.Score} {n.Error}"));
        Assert.True(nodes.Any(n => n is { Operator: NodeOperator.Debug, Status: NodeStatus.Ok, Score: > 0 and < 0.5 }), $"no repaired debug node:\n{table}");

        // Every operator's scripted program ran in the sandbox: its execution holds the per-fold metric lines it
        // printed (in-run stopping may prune a program that cannot beat the best, after it has started).
        var executions = store.GetExecutions(run.Id);
        foreach (var op in new[] { NodeOperator.Draft, NodeOperator.Debug, NodeOperator.Improve, NodeOperator.Merge })
        {
            var ran = nodes.Where(n => n.Operator == op && n.Code.Contains("# scripted reply to request", StringComparison.Ordinal))
                .Any(n => executions.Any(e => e.NodeId == n.Id && e.EarlyMetrics.Count > 0));
            Assert.True(ran, $"no {op} program ran:\n{table}");
        }

        Assert.True(run.LlmCost > 0);
        Assert.Equal(nodes.Sum(n => n.Cost), run.LlmCost);
        Assert.True(File.Exists(run.SubmissionPath), output);
        Assert.StartsWith("id,Adelie,Chinstrap,Gentoo", File.ReadAllText(run.SubmissionPath!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_that_always_answers_the_same_program_makes_a_bounded_number_of_requests_and_the_builtin_roles_carry_the_search()
    {
        var responder = new ScriptedSolveResponder(repeatOneProgram: true);
        await using var server = ScriptedLlmServer.Start(responder.Respond);
        using var dir = new TempDirectory("agentml-llm-repeat");
        var db = dir.Combine("agentml.db");

        var (exit, output, elapsed) = await SolvePenguinsAsync(server, dir, "2m", "1");
        var minutes = (int)Math.Ceiling(elapsed.TotalMinutes);

        Assert.True(exit == 0, $"exit {exit}\n{output}");
        var store = RunStore.Open(db);
        var run = Assert.Single(store.ListRuns());
        var nodes = store.GetNodes(run.Id);
        var table = string.Join("\n", nodes.Select(n => $"{n.Id} {n.Operator} {n.Agent} {n.Status} {n.Score} {n.Error}"));
        var codeCalls = new[] { "draft", "debug", "improve", "merge", "repeat" }.Sum(k => responder.Calls.GetValueOrDefault(k));
        var planCalls = new[] { "observations", "derive", "plan", "critique" }.Sum(k => responder.Calls.GetValueOrDefault(k));

        var calls = string.Join(", ", responder.Calls.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"));

        // The bounds (solve --help): at most 3 chat requests per node (a first ask and up to two follow-ups, one of
        // them for a repeated program); at most 30 requests in any minute (--llm-requests-per-minute); a model that
        // spun (here: repeated) on 3 asks in a row is paused for a minute, then two, so in a run of under 4 minutes it
        // gets one ask for the first (new) program, 3 asks of 2 requests and at most 2 trial asks of 2 requests.
        Assert.True(codeCalls <= 3 * nodes.Count, $"{codeCalls} code requests for {nodes.Count} nodes:\n{table}");
        Assert.Equal(0, server.UnscriptedCount);
        Assert.Equal(codeCalls + planCalls, server.Requests.Count);
        Assert.True(responder.Calls.GetValueOrDefault("repeat") > 0, $"no follow-up on a repeat:\n{table}");
        Assert.True(server.Requests.Count <= SolveSettings.DefaultLlmRequestsPerMinute * minutes, $"{server.Requests.Count} requests in {minutes} started minutes ({calls}):\n{table}");
        Assert.True(minutes >= 4 || codeCalls <= 1 + (2 * 3) + (2 * 2), $"{codeCalls} code requests ({calls}):\n{table}");
        Assert.Contains(nodes, n => n.Notes.Any(note => note.Contains("asks in a row", StringComparison.Ordinal)));

        // The program ran once; its repeats were not run again, and the builtin roles wrote new programs.
        var logreg = ScriptedSolveResponder.Program("logreg").Trim();
        Assert.Single(nodes, n => n.Code.Trim() == logreg && n.Status == NodeStatus.Ok);
        Assert.Contains(nodes, n => n.Agent == "builtin" && n.Status == NodeStatus.Ok);
        Assert.Contains(nodes, n => n.Notes.Any(note => note.Contains("Repeats", StringComparison.Ordinal)));
        Assert.True(run.BestScore < 0.2, table);
        Assert.True(File.Exists(run.SubmissionPath), output);
    }

    [Fact]
    public async Task A_slow_model_that_answers_only_prose_keeps_the_run_within_its_time_and_the_builtin_roles_carry_it()
    {
        await using var server = ScriptedLlmServer.Start(_ => ScriptedReply.Text("Gradient boosting usually does well on tabular data.").After(TimeSpan.FromSeconds(4)));
        using var dir = new TempDirectory("agentml-llm-prose");
        var db = dir.Combine("agentml.db");

        var (exit, output, elapsed) = await SolvePenguinsAsync(server, dir, "1m", "2");

        Assert.True(exit == 0, $"exit {exit}\n{output}");
        var run = Assert.Single(RunStore.Open(db).ListRuns());
        var nodes = RunStore.Open(db).GetNodes(run.Id);
        var table = string.Join("\n", nodes.Select(n => $"{n.Id} {n.Operator} {n.Agent} {n.Status} {n.Score} {string.Join(" | ", n.Notes)}"));

        // Every ask gets an answer without a program (PlanSearch's JSON asks too): each ends after its repair turns, and
        // after 3 such asks for a program (3 requests each) the model is paused for a minute, so a one-minute run waits
        // on the model for at most a few asks and still ends on time with the builtin roles' nodes and submission.
        Assert.True(elapsed < TimeSpan.FromMinutes(3), $"the 1-minute solve took {elapsed.TotalSeconds:0} s\n{table}");
        Assert.True(File.Exists(run.SubmissionPath), output);
        Assert.DoesNotContain(nodes, n => n.Agent == "llm");
        Assert.Contains(nodes, n => n.Agent == "builtin" && n.Status == NodeStatus.Ok);
        Assert.Contains(nodes, n => n.Notes.Any(note => note.Contains("Unusable", StringComparison.Ordinal)));
        var codeRequests = server.Requests.Count(r => r.ResponseSchemaName is null);
        Assert.True(codeRequests <= (3 * 3) + 3, $"{codeRequests} requests for programs of {server.Requests.Count}\n{table}");
        Assert.True(run.BestScore < 0.2, table);
    }

    /// <summary>A solve of penguin-species on the scripted server's model, one candidate at a time, into <paramref name="dir"/> (agentml.db, runs).</summary>
    private static async Task<(int Exit, string Output, TimeSpan Elapsed)> SolvePenguinsAsync(ScriptedLlmServer server, TempDirectory dir, string time, string seed)
    {
        var started = TimeProvider.System.GetTimestamp();
        var (exit, output) = await RunCliAsync(
            "solve", TestPaths.Task("penguin-species"),
            "--model", $"openai-compatible:gpt-4o@{server.OpenAIBaseUrl}",
            "--time", time, "--parallel", "1", "--threads", "1", "--seed", seed,
            "--db", dir.Combine("agentml.db"), "--out", dir.Combine("runs"));
        return (exit, output, TimeProvider.System.GetElapsedTime(started));
    }

    /// <summary>Runs the built agentml.dll as a real process (the scripted server stays in this process).</summary>
    private static async Task<(int Exit, string Output)> RunCliAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "agentml.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(12));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
