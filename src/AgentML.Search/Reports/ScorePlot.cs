using System.Globalization;
using System.Net;
using System.Text;

namespace AgentML.Search.Reports;

/// <summary>
/// Node scores over run time as an inline SVG: one dot per working node (coloured by operator, clickable), the
/// best-so-far as a step line, the ensemble's score as a dashed line, on a log scale when the scores span decades.
/// </summary>
internal static class ScorePlot
{
    private const int Width = 900;
    private const int Height = 340;
    private const int Left = 80;
    private const int Right = 130;
    private const int Top = 24;
    private const int Bottom = 40;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] Operators = ["draft", "improve", "debug", "merge"];

    /// <summary>True when every score is positive and the largest is at least 20 times the smallest.</summary>
    public static bool UsesLogScale(IReadOnlyCollection<double> scores) =>
        scores.Count >= 2 && scores.All(s => s > 0) && scores.Max() / scores.Min() >= 20;

    public static string Svg(IReadOnlyList<ScorePoint> points, string metric, double? ensembleScore = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return "<p>No working node yet.</p>";
        }

        var values = points.Select(p => p.Score).Concat(ensembleScore is { } e ? [e] : []).ToList();
        var log = UsesLogScale(values);
        var (lo, hi) = (values.Min(), values.Max());
        if (log)
        {
            (lo, hi) = (Math.Log10(lo), Math.Log10(hi));
        }

        var pad = hi - lo < 1e-12 ? 0.5 * Math.Max(Math.Abs(hi), 1e-3) : 0.06 * (hi - lo);
        (lo, hi) = (lo - pad, hi + pad);
        var maxT = Math.Max(1, points.Max(p => p.Seconds)) * 1.02;
        double X(double t) => Left + ((Width - Left - Right) * t / maxT);
        double Y(double s) => Top + ((Height - Top - Bottom) * (1 - (((log ? Math.Log10(s) : s) - lo) / (hi - lo))));

        var sb = new StringBuilder();
        sb.Append(Inv, $"<svg id=\"score-plot\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" font-size=\"11\">");
        foreach (var tick in log ? LogTicks(lo, hi) : LinearTicks(lo, hi))
        {
            var y = Y(tick);
            sb.Append(Inv, $"<line class=\"grid\" x1=\"{Left}\" y1=\"{y:F1}\" x2=\"{Width - Right}\" y2=\"{y:F1}\"/>")
              .Append(Inv, $"<text x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{tick.ToString("G3", Inv)}</text>");
        }

        foreach (var t in TimeTicks(maxT))
        {
            sb.Append(Inv, $"<text x=\"{X(t):F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{Clock(t, maxT)}</text>");
        }

        sb.Append(Inv, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\"/>")
          .Append(Inv, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\"/>")
          .Append(Inv, $"<text x=\"{Left}\" y=\"{Top - 8}\">{H(metric)}{(log ? " (log scale)" : "")}</text>")
          .Append(Inv, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 6}\" text-anchor=\"middle\">run time</text>");

        var step = new StringBuilder();
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            if (i == 0)
            {
                step.Append(Inv, $"M{X(p.Seconds):F1},{Y(p.BestSoFar):F1}");
            }
            else
            {
                step.Append(Inv, $" H{X(p.Seconds):F1} V{Y(p.BestSoFar):F1}");
            }
        }

        step.Append(Inv, $" H{X(maxT):F1}");
        sb.Append(Inv, $"<path class=\"best-line\" d=\"{step}\"/>");
        if (ensembleScore is { } ens)
        {
            sb.Append(Inv, $"<line class=\"ensemble-line\" x1=\"{Left}\" y1=\"{Y(ens):F1}\" x2=\"{Width - Right}\" y2=\"{Y(ens):F1}\"/>")
              .Append(Inv, $"<text class=\"ensemble-label\" x=\"{Width - Right + 4}\" y=\"{Y(ens) + 4:F1}\">ensemble {ens.ToString("G4", Inv)}</text>");
        }

        foreach (var p in points)
        {
            sb.Append(Inv, $"<circle class=\"pt op-{H(p.Operator)}\" data-id=\"{H(p.NodeId)}\" cx=\"{X(p.Seconds):F1}\" cy=\"{Y(p.Score):F1}\" r=\"5\">")
              .Append(Inv, $"<title>{H(p.NodeId)} {H(p.Operator)}: {p.Score.ToString("G6", Inv)} at {Clock(p.Seconds, maxT)}</title></circle>");
        }

        var legendY = Top + 4;
        foreach (var op in Operators)
        {
            sb.Append(Inv, $"<circle class=\"pt op-{op}\" cx=\"{Width - Right + 12}\" cy=\"{legendY}\" r=\"5\"/><text x=\"{Width - Right + 22}\" y=\"{legendY + 4}\">{op}</text>");
            legendY += 18;
        }

        sb.Append(Inv, $"<line class=\"best-line\" x1=\"{Width - Right + 4}\" y1=\"{legendY}\" x2=\"{Width - Right + 18}\" y2=\"{legendY}\"/><text x=\"{Width - Right + 22}\" y=\"{legendY + 4}\">best so far</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>Powers of ten inside [lo, hi] (log10 units), with 2 and 5 between them when the range is under three decades.</summary>
    internal static IReadOnlyList<double> LogTicks(double lo, double hi)
    {
        var ticks = new List<double>();
        var multiples = hi - lo < 3 ? new[] { 1.0, 2, 5 } : [1.0];
        for (var e = (int)Math.Floor(lo); e <= (int)Math.Ceiling(hi); e++)
        {
            foreach (var m in multiples)
            {
                var v = m * Math.Pow(10, e);
                var l = Math.Log10(v);
                if (l >= lo && l <= hi)
                {
                    ticks.Add(v);
                }
            }
        }

        return ticks;
    }

    /// <summary>Ticks at round time steps (10 s … 1 h) up to <paramref name="maxT"/>, about six of them.</summary>
    internal static IReadOnlyList<double> TimeTicks(double maxT)
    {
        var step = new[] { 10.0, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200 }.FirstOrDefault(s => maxT / s <= 7, 3600 * Math.Ceiling(maxT / 3600 / 7));
        return Enumerable.Range(0, (int)(maxT / step) + 1).Select(i => i * step).ToList();
    }

    /// <summary>About <paramref name="count"/> round ticks inside [lo, hi].</summary>
    internal static IReadOnlyList<double> LinearTicks(double lo, double hi, int count = 5)
    {
        var raw = (hi - lo) / count;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        var ticks = new List<double>();
        for (var v = Math.Ceiling(lo / step) * step; v <= hi + (step * 1e-9); v += step)
        {
            ticks.Add(Math.Abs(v) < step * 1e-9 ? 0 : v);
        }

        return ticks;
    }

    /// <summary>Seconds on short runs, m:ss once the axis passes two minutes.</summary>
    private static string Clock(double seconds, double axis) =>
        axis < 120 ? $"{seconds:F0}s" : $"{(int)(seconds / 60)}:{(int)(seconds % 60):00}";

    private static string H(string text) => WebUtility.HtmlEncode(text);
}
