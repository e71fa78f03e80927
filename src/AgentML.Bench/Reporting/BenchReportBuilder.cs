using System.Text.Json;
using AgentML.Bench.Running;
using AgentML.Core.Grading;
using AgentML.Store.Bench;

namespace AgentML.Bench.Reporting;

/// <summary>
/// Builds a <see cref="BenchReport"/> from the store: MLE-bench's batch totals, per-split percentages as mean ± standard
/// error over seeds (a run that is missing or unfinished counts as no submission), per-competition and per-run rows.
/// </summary>
public static class BenchReportBuilder
{
    /// <summary>The flags aggregated per split, in display order.</summary>
    public static IReadOnlyList<(string Key, string Label, string Short, Func<CompetitionReport, bool> Flag)> Flags { get; } =
    [
        ("any_medal", "Any medal", "medal", r => r.AnyMedal),
        ("gold_medal", "Gold", "gold", r => r.GoldMedal),
        ("silver_medal", "Silver", "silver", r => r.SilverMedal),
        ("bronze_medal", "Bronze", "bronze", r => r.BronzeMedal),
        ("above_median", "Above median", ">median", r => r.AboveMedian),
        ("valid_submission", "Valid submission", "valid", r => r.ValidSubmission),
        ("submission_exists", "Submission exists", "exists", r => r.SubmissionExists),
    ];

    public static BenchReport Build(BenchDocument bench, IReadOnlyList<BenchRunDocument> runs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(bench);
        ArgumentNullException.ThrowIfNull(runs);
        var options = ParseOptions(bench.OptionsJson);
        var reports = runs
            .Where(r => r.Status == BenchRunStatus.Finished)
            .Select(r => (Run: r, Report: BenchReports.ParseReport(r.ReportJson)))
            .Where(x => x.Report is not null)
            .ToDictionary(x => (x.Run.CompetitionId, x.Run.Seed), x => x.Report!);
        var all = bench.Seeds.SelectMany(s => bench.CompetitionIds.Select(c => reports.GetValueOrDefault((c, s)))).OfType<CompetitionReport>().ToArray();
        var batch = new BatchReport
        {
            TotalRuns = bench.CompetitionIds.Count * bench.Seeds.Count,
            TotalRunsWithSubmissions = all.Count(r => r.SubmissionExists),
            TotalValidSubmissions = all.Count(r => r.ValidSubmission),
            TotalMedals = all.Count(r => r.AnyMedal),
            TotalGoldMedals = all.Count(r => r.GoldMedal),
            TotalSilverMedals = all.Count(r => r.SilverMedal),
            TotalBronzeMedals = all.Count(r => r.BronzeMedal),
            TotalAboveMedian = all.Count(r => r.AboveMedian),
            CompetitionReports = all,
        };
        var splits = bench.Splits
            .OrderBy(kv => kv.Key == "all" ? 0 : 1).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new SplitSummary
            {
                Name = kv.Key,
                Competitions = kv.Value,
                Percentages = Flags.ToDictionary(f => f.Key, f => Stats.MeanSe(bench.Seeds.Select(seed => Percentage(kv.Value, seed, reports, f.Flag)).ToArray())),
            })
            .ToArray();
        var competitions = bench.CompetitionIds.Select(id => Summarize(id, bench.Seeds, runs, reports, bench.Metrics.GetValueOrDefault(id))).ToArray();
        var runRows = runs.OrderBy(r => r.CompetitionId, StringComparer.Ordinal).ThenBy(r => r.Seed).Select(r => new RunSummary
        {
            CompetitionId = r.CompetitionId,
            Seed = r.Seed,
            Status = r.Status.ToString().ToLowerInvariant(),
            AgentOutcome = r.AgentOutcome,
            ExitCode = r.ExitCode,
            DurationSeconds = Math.Round(r.DurationSeconds, 1),
            Attempts = r.Attempts,
            Message = r.Message,
            RunDirectory = r.RunDirectory,
            RunReport = RunReportLink(bench.OutputDirectory, r.RunDirectory),
            Report = reports.GetValueOrDefault((r.CompetitionId, r.Seed)),
        }).ToArray();
        return new BenchReport
        {
            BenchId = bench.Id,
            Agent = bench.Agent,
            CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(bench.CreatedAtUtc, DateTimeKind.Utc)),
            GeneratedAt = now,
            Seeds = bench.Seeds,
            TimeLimitSeconds = options?.TimeLimit.TotalSeconds,
            Complete = reports.Count == batch.TotalRuns,
            Batch = batch,
            Splits = splits,
            Competitions = competitions,
            Runs = runRows,
            Notes = bench.Notes,
        };
    }

    private static double Percentage(IReadOnlyList<string> ids, int seed, IReadOnlyDictionary<(string, int), CompetitionReport> reports, Func<CompetitionReport, bool> flag) =>
        ids.Count == 0 ? 0 : 100.0 * ids.Count(id => reports.GetValueOrDefault((id, seed)) is { } r && flag(r)) / ids.Count;

    private static CompetitionSummary Summarize(string id, IReadOnlyList<int> seeds, IReadOnlyList<BenchRunDocument> runs, IReadOnlyDictionary<(string, int), CompetitionReport> reports, string? metric)
    {
        var rs = seeds.Select(s => reports.GetValueOrDefault((id, s))).OfType<CompetitionReport>().ToArray();
        var scores = rs.Where(r => r.Score is not null).Select(r => r.Score!.Value).ToArray();
        var any = rs.FirstOrDefault();
        return new CompetitionSummary
        {
            CompetitionId = id,
            Metric = metric,
            IsLowerBetter = rs.Select(r => r.IsLowerBetter).FirstOrDefault(v => v is not null),
            Runs = seeds.Count,
            Finished = runs.Count(r => r.CompetitionId == id && r.Status == BenchRunStatus.Finished),
            Submissions = rs.Count(r => r.SubmissionExists),
            Valid = rs.Count(r => r.ValidSubmission),
            AnyMedal = rs.Count(r => r.AnyMedal),
            Gold = rs.Count(r => r.GoldMedal),
            Silver = rs.Count(r => r.SilverMedal),
            Bronze = rs.Count(r => r.BronzeMedal),
            AboveMedian = rs.Count(r => r.AboveMedian),
            Score = scores.Length == 0 ? null : Stats.MeanSe(scores),
            GoldThreshold = any?.GoldThreshold,
            SilverThreshold = any?.SilverThreshold,
            BronzeThreshold = any?.BronzeThreshold,
            MedianThreshold = any?.MedianThreshold,
        };
    }

    /// <summary>
    /// The first report.html (ordinal order) at most three folders below <paramref name="runDirectory"/> (AgentML's
    /// solve writes code/&lt;run-id&gt;/report.html), relative to <paramref name="benchDirectory"/> with '/' separators.
    /// </summary>
    internal static string? RunReportLink(string benchDirectory, string? runDirectory)
    {
        if (string.IsNullOrEmpty(runDirectory) || !Directory.Exists(runDirectory))
        {
            return null;
        }

        var found = Directory.EnumerateFiles(runDirectory, "report.html", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 3 })
            .Order(StringComparer.Ordinal).FirstOrDefault();
        return found is null ? null : Path.GetRelativePath(benchDirectory, found).Replace('\\', '/');
    }

    private static BenchOptions? ParseOptions(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<BenchOptions>(json, BenchJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Reads stored run reports.</summary>
public static class BenchReports
{
    public static CompetitionReport? ParseReport(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<CompetitionReport>(json, BenchJson.Options);
}

/// <summary>Small statistics helpers.</summary>
public static class Stats
{
    /// <summary>Mean and standard error of the mean (sample standard deviation / sqrt(n); 0 when n &lt; 2).</summary>
    public static MeanSe MeanSe(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return new MeanSe(0, 0, values);
        }

        var mean = values.Average();
        if (values.Count < 2)
        {
            return new MeanSe(mean, 0, values);
        }

        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return new MeanSe(mean, Math.Sqrt(variance / values.Count), values);
    }
}
