using AgentML.Forge.Data;
using AgentML.Forge.Execution;
using AgentML.Forge.Input;
using AgentML.Forge.Llm;
using AgentML.Forge.Reporting;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;
using Microsoft.Extensions.Logging;

namespace AgentML.Forge;

/// <summary>
/// The forge pipeline: for each raw file, brainstorm candidates, then design, write and verify them one by one
/// (structural → semantic → execution; a failed stage stops the task) until enough are accepted. Accepted tasks
/// land in &lt;out&gt;/&lt;task-id&gt;, rejected ones in &lt;out&gt;/_rejected/&lt;task-id&gt;, the report in &lt;out&gt;.
/// </summary>
public sealed class ForgeRunner
{
    public const string RejectedFolder = "_rejected";
    private const string StagingFolder = ".staging";
    private const int MaxCandidates = 1000;

    private readonly ForgeTeam _team;
    private readonly RawDataReader _reader;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ForgeRunner(ForgeTeam team, RawDataReader reader, TimeProvider time, ILogger<ForgeRunner> logger)
    {
        _team = team;
        _reader = reader;
        _time = time;
        _logger = logger;
    }

    public async Task<ForgeReport> RunAsync(ForgeRequest request, IProgress<TaskReport>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var started = _time.GetUtcNow();
        var output = Path.GetFullPath(request.Output);
        Directory.CreateDirectory(output);
        var single = File.Exists(request.Input);
        var files = single ? [request.Input] : RawDataReader.ListFiles(request.Input);
        if (files.Count == 0)
        {
            throw new UserFacingException($"{request.Input}: no .csv, .tsv, .csv.gz, .tsv.gz or .parquet files in this folder.");
        }

        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        var reports = new List<FileReport>();
        foreach (var file in files)
        {
            RawDataset data;
            try
            {
                var reading = _time.GetTimestamp();
                _logger.LogInformation("Reading {File} ({Size:0.#} MB)", file, new FileInfo(file).Length / 1e6);
                data = _reader.Read(file);
                _logger.LogInformation("{File}: {Rows} rows x {Columns} columns read and profiled in {Seconds:0.#} s{Notes}", file, data.Table.Rows.Count,
                    data.Table.Columns.Count, _time.GetElapsedTime(reading).TotalSeconds, data.ReadNotes.Count > 0 ? "; " + string.Join("; ", data.ReadNotes) : "");
            }
            catch (UserFacingException ex) when (!single)
            {
                _logger.LogWarning("Skipping {File}: {Error}", file, ex.Message);
                reports.Add(new FileReport { Source = Path.GetFullPath(file), Error = ex.Message });
                continue;
            }

            reports.Add(await ForgeFileAsync(data, request, output, usedIds, progress, cancellationToken).ConfigureAwait(false));
        }

        TryDelete(Path.Combine(output, StagingFolder));
        var report = new ForgeReport
        {
            Input = Path.GetFullPath(request.Input),
            Output = output,
            Seed = request.Seed,
            StartedAt = started,
            FinishedAt = _time.GetUtcNow(),
            Files = reports,
            Llm = _team.Llm is { } llm ? LlmReport.From(llm, reports.SelectMany(f => f.Notes.Concat(f.Tasks.SelectMany(t => t.Notes)))) : null,
        };
        ForgeReportWriter.Write(report, output);
        return report;
    }

    private async Task<FileReport> ForgeFileAsync(RawDataset data, ForgeRequest request, string output, HashSet<string> usedIds,
        IProgress<TaskReport>? progress, CancellationToken cancellationToken)
    {
        var llmBrainstormer = _team.Brainstormer as LlmBrainstormer;
        var notesBefore = llmBrainstormer?.Notes.Count ?? 0;
        var candidates = await _team.Brainstormer.BrainstormAsync(data, MaxCandidates, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("{File}: {Count} candidate tasks", data.SourcePath, candidates.Count);
        var tasks = new List<TaskReport>();
        foreach (var candidate in candidates)
        {
            if (tasks.Count(t => t.Accepted) >= request.TasksPerFile || tasks.Count >= request.EffectiveMaxAttempts)
            {
                break;
            }

            if (candidate.Variant is not null && !WasNearPerfect(tasks, candidate.Target))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var task = await ForgeCandidateAsync(data, candidate, usedIds, request.Seed, output, cancellationToken).ConfigureAwait(false);
            tasks.Add(task);
            progress?.Report(task);
        }

        return new FileReport
        {
            Source = data.SourcePath,
            Rows = data.Table.Rows.Count,
            Columns = data.Table.Columns.Count,
            Reading = data.ReadNotes,
            NoTaskReason = candidates.Count == 0
                ? $"no column can be a target: each of the {data.Table.Columns.Count} columns is an id, a constant, free text, a date, mostly missing or has too few rows per class (the report lists each column's reason)"
                : null,
            NotTargets = _team.Brainstormer switch
            {
                BuiltinBrainstormer builtin => builtin.Excluded(data),
                LlmBrainstormer llm => llm.Excluded(data),
                _ => [],
            },
            Tasks = tasks,
            Notes = llmBrainstormer?.Notes.Skip(notesBefore).ToArray() ?? [],
        };
    }

    /// <summary>
    /// Designs, writes and verifies one candidate (<see cref="VerifyWithRepairsAsync"/>). When the task was posed for
    /// unseen groups (a group split) and failed only because the baseline does not beat the dummy, it is posed again
    /// for known groups, the group code a feature: first for their later rows (when a time column varies within the
    /// groups), then for other rows (<see cref="GroupFormulation"/>). Each formulation is verified on its own; the first
    /// that passes is kept, and the report notes each one tried and why it was left.
    /// </summary>
    private async Task<TaskReport> ForgeCandidateAsync(RawDataset data, TaskCandidate candidate, HashSet<string> usedIds, int seed, string output,
        CancellationToken cancellationToken)
    {
        var design = await _team.Designer.DesignAsync(data, candidate, cancellationToken).ConfigureAwait(false);
        var id = UniqueId(design.TaskId, usedIds);
        var verified = await VerifyWithRepairsAsync(data, candidate, design, id, seed, output, cancellationToken).ConfigureAwait(false);
        var group = verified.Forged.Design.Split.Column;
        var notes = new List<string>();
        foreach (var formulation in (GroupFormulation[])[GroupFormulation.LaterRowsOfKnownGroups, GroupFormulation.OtherRowsOfKnownGroups])
        {
            if (NotLearnable(verified, group) is not { } why)
            {
                break;
            }

            var known = verified.Candidate with { Groups = formulation };
            design = await _team.Designer.DesignAsync(data, known, cancellationToken).ConfigureAwait(false);
            if (design.Split.KnownGroup is null || verified.Forged.Design.Split is { KnownGroup: not null, Kind: not SplitKind.Time })
            {
                break; // no known-groups design, or the random split of known groups was just tried (there is no time column)
            }

            var left = Formulation(verified.Forged.Design.Split);
            verified = await VerifyWithRepairsAsync(data, known, design, id, seed, output, cancellationToken).ConfigureAwait(false);
            var note = $"reformulated: posed {left}, the task was not learnable ({why}); posed {Formulation(verified.Forged.Design.Split)} and verified again: {(verified.Accepted ? "accepted" : "rejected")}";
            _logger.LogInformation("{Task}: {Note}", id, note);
            notes.Add(note);
        }

        return Finish(data, verified, seed, output, notes);
    }

    private static string Formulation(SplitPlan split) => split switch
    {
        { KnownGroup: null } => $"for unseen {split.Column} groups (whole groups held out)",
        { Kind: SplitKind.Time } => $"for the later rows of known {split.KnownGroup} groups (the latest by {split.Column} held out)",
        _ => $"for other rows of known {split.KnownGroup} groups (random rows held out)",
    };

    /// <summary>
    /// Why a task posed with <paramref name="group"/> (for unseen or known groups) failed, when the only failure is the
    /// baseline not beating the dummy and the group code is a feature (so known groups can be posed); null otherwise.
    /// </summary>
    private static string? NotLearnable(Verified verified, string? group)
    {
        var split = verified.Forged.Design.Split;
        var failed = verified.Checks.Where(c => !c.Passed).ToArray();
        var grouped = (split.Kind == SplitKind.Group && split.Column == group) || (split.KnownGroup is not null && split.KnownGroup == group);
        if (!grouped || group is null || !verified.Forged.Design.Features.Contains(group) || failed.Length == 0 || failed.Any(c => c.Name != ExecutionVerifier.BeatsDummyCheck))
        {
            return null;
        }

        return verified.Scores is { } scores
            ? $"{scores.Metric}: baseline {scores.BaselineScore:G4}, dummy {scores.DummyScore:G4}, gain {scores.Gain:F3}, below the learnability gate"
            : failed[0].Detail;
    }

    /// <summary>
    /// Writes and verifies a design. When verification fails only because of features that leak the target, the
    /// designer drops them (the candidate carries them as leaks) and the task is verified again, up to
    /// <see cref="MaxRepairs"/> times.
    /// </summary>
    private async Task<Verified> VerifyWithRepairsAsync(RawDataset data, TaskCandidate candidate, TaskDesign design, string id, int seed, string output,
        CancellationToken cancellationToken)
    {
        var repairs = new List<string>();
        while (true)
        {
            design = design with { TaskId = id };
            var (forged, checks, scores) = await WriteAndVerifyAsync(data, design, seed, output, cancellationToken).ConfigureAwait(false);
            var leaks = Leaks(checks, candidate.Target);
            if (leaks.Count == 0 || repairs.Count >= MaxRepairs)
            {
                return new Verified(candidate, forged, checks, scores, repairs, checks.All(c => c.Passed) && _team.Verifiers.Count > 0);
            }

            var note = $"repaired: dropped {string.Join(", ", leaks.Select(l => l.Name))} as a leak of {candidate.Target} and verified again";
            _logger.LogInformation("{Task}: {Note}", id, note);
            repairs.Add(note);
            candidate = candidate with { Leaks = [.. candidate.Leaks, .. leaks] };
            design = await _team.Designer.DesignAsync(data, candidate, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A written and verified design: the candidate as last designed (with the leaks found), the checks, the repairs made.</summary>
    private sealed record Verified(TaskCandidate Candidate, ForgedTask Forged, List<VerificationCheck> Checks, BaselineScores? Scores,
        IReadOnlyList<string> Repairs, bool Accepted);

    /// <summary>At most this many leak repairs (each drops the features a failed check blames) per task.</summary>
    public const int MaxRepairs = 4;

    /// <summary>The features to drop when every failed check blames features (and none blames the target); else none.</summary>
    private static IReadOnlyList<DroppedColumn> Leaks(IReadOnlyList<VerificationCheck> checks, string target)
    {
        var failed = checks.Where(c => !c.Passed).ToArray();
        if (failed.Length == 0 || failed.Any(c => c.Features.Count == 0 || c.Features.Contains(target)))
        {
            return [];
        }

        return failed.SelectMany(c => c.Features.Select(f => new DroppedColumn(f, $"a leak of the target, found by the {c.Stage.ToString().ToLowerInvariant()} verifier ({c.Name}): {c.Detail}")))
            .DistinctBy(d => d.Name).ToArray();
    }

    private async Task<(ForgedTask Forged, List<VerificationCheck> Checks, BaselineScores? Scores)> WriteAndVerifyAsync(RawDataset data, TaskDesign design, int seed,
        string output, CancellationToken cancellationToken)
    {
        var staging = Path.Combine(output, StagingFolder, design.TaskId);
        TryDelete(staging);
        var forged = await _team.Refactorer.WriteAsync(data, design, staging, seed, cancellationToken).ConfigureAwait(false);
        var checks = new List<VerificationCheck>();
        BaselineScores? scores = null;
        foreach (var verifier in _team.Verifiers)
        {
            VerifierResult result;
            try
            {
                result = await verifier.VerifyAsync(forged, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One broken task must not stop a batch: the failure is recorded as the task's rejection reason.
                _logger.LogWarning(ex, "{Task}: the {Stage} verifier failed", design.TaskId, verifier.Stage);
                result = new VerifierResult([VerificationCheck.Fail(verifier.Stage, "error", ex.Message)]);
            }

            checks.AddRange(result.Checks);
            scores ??= result.Scores;
            if (!result.Passed)
            {
                break;
            }
        }

        return (forged, checks, scores);
    }

    private TaskReport Finish(RawDataset data, Verified verified, int seed, string output, IReadOnlyList<string> earlier)
    {
        var (forged, checks, scores, accepted) = (verified.Forged, verified.Checks, verified.Scores, verified.Accepted);
        IReadOnlyList<string> repairs = [.. earlier, .. verified.Repairs];
        var design = forged.Design;
        var staging = forged.Folder;
        var final = accepted ? Path.Combine(output, design.TaskId) : Path.Combine(output, RejectedFolder, design.TaskId);
        TryDelete(final);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        Directory.Move(staging, final);
        forged = forged with { Folder = final };
        CompetitionFile.Write(forged, data.SourcePath, seed, new VerificationSummary(accepted, scores, checks.Where(c => !c.Passed).ToArray()));
        _logger.LogInformation("{Task}: {Status}", design.TaskId, accepted ? "accepted" : "rejected");
        return new TaskReport
        {
            TaskId = design.TaskId,
            Accepted = accepted,
            Folder = final,
            Target = design.Candidate.Target,
            TaskType = design.Candidate.TaskType.ToString().ToLowerInvariant(),
            Metric = design.Candidate.Metric,
            Split = $"{design.Split.Kind.ToString().ToLowerInvariant()}: {design.Split.Reason}",
            Rationale = design.Candidate.Rationale,
            TrainRows = forged.TrainRows,
            TestRows = forged.TestRows,
            Dropped = design.Dropped,
            Scores = scores,
            Checks = checks,
            Brainstormer = design.Candidate.Origin,
            Designer = design.DesignedBy,
            Notes = [.. design.Notes, .. repairs],
        };
    }

    /// <summary>True when the main task of <paramref name="target"/> was rejected only for being near-perfect.</summary>
    private static bool WasNearPerfect(List<TaskReport> tasks, string target) =>
        tasks.Any(t => t.Target == target && !t.Accepted && t.Checks.Where(c => !c.Passed).All(c => c.Name == ExecutionVerifier.NearPerfectCheck))
        && !tasks.Any(t => t.Target == target && t.Accepted);

    private static string UniqueId(string id, HashSet<string> used)
    {
        var unique = id;
        for (var k = 2; !used.Add(unique); k++)
        {
            unique = $"{id}-{k}";
        }

        return unique;
    }

    private static void TryDelete(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
