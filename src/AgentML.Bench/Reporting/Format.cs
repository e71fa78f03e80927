using System.Globalization;

namespace AgentML.Bench.Reporting;

/// <summary>Number formatting shared by the markdown and HTML reports.</summary>
internal static class Format
{
    public static string Pct(MeanSe v) => string.Create(CultureInfo.InvariantCulture, $"{v.Mean:0.0} ± {v.StandardError:0.0}");

    public static string Score(double? v) => v is null ? "–" : v.Value.ToString("0.#####", CultureInfo.InvariantCulture);

    public static string Score(MeanSe? v) => v is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"{v.Mean:0.#####} ± {v.StandardError:0.#####}");

    /// <summary>"worst – best" of the per-seed scores ("–" without scores; the one score for one seed).</summary>
    public static string Spread(MeanSe? v, bool? lowerIsBetter)
    {
        if (v is null || v.PerSeed.Count == 0)
        {
            return "–";
        }

        var (lo, hi) = (v.PerSeed.Min(), v.PerSeed.Max());
        return v.PerSeed.Count == 1 ? Score(lo) : lowerIsBetter == true ? $"{Score(hi)} – {Score(lo)}" : $"{Score(lo)} – {Score(hi)}";
    }

    public static string Seconds(double s) => s.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    public static string Flag(bool v) => v ? "yes" : "no";

    /// <summary>The agent's message (with its exit code when it failed), then why the submission is invalid.</summary>
    public static string Note(RunSummary r)
    {
        var agent = r.AgentOutcome is null or "completed"
            ? r.Message
            : $"agent {r.AgentOutcome}" + (r.ExitCode is { } code ? string.Create(CultureInfo.InvariantCulture, $" (exit {code})") : "") + (string.IsNullOrWhiteSpace(r.Message) ? "" : ": " + r.Message);
        return string.Join("; ", new[] { agent, r.Report?.InvalidReason }.Where(s => !string.IsNullOrWhiteSpace(s)));
    }

    public static string Medal(AgentML.Core.Grading.CompetitionReport? r) =>
        r is null ? "–" : r.GoldMedal ? "gold" : r.SilverMedal ? "silver" : r.BronzeMedal ? "bronze" : r.AboveMedian ? "above median" : "–";
}
