using System.Globalization;
using System.Net;
using System.Text;

namespace AgentML.Bench.Reporting;

/// <summary>Small inline SVG charts for the HTML report (no scripts, no external files).</summary>
internal static class SvgCharts
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Vertical bars of percentages (0–100) with standard-error whiskers.</summary>
    public static string PercentBars(IReadOnlyList<(string Label, MeanSe Value)> bars, string color)
    {
        const int barWidth = 60, gap = 16, height = 180, top = 16, bottom = 44, left = 36;
        var width = left + bars.Count * (barWidth + gap) + gap;
        var sb = new StringBuilder();
        sb.Append(Inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height + top + bottom}\" role=\"img\">");
        for (var tick = 0; tick <= 100; tick += 25)
        {
            var y = top + height - (tick * height / 100.0);
            sb.Append(Inv, $"<line x1=\"{left}\" x2=\"{width}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#ddd\"/>");
            sb.Append(Inv, $"<text x=\"{left - 4}\" y=\"{y + 4:0.#}\" font-size=\"10\" text-anchor=\"end\">{tick}</text>");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var (label, v) = bars[i];
            var x = left + gap + i * (barWidth + gap);
            var h = Math.Clamp(v.Mean, 0, 100) * height / 100.0;
            var y = top + height - h;
            sb.Append(Inv, $"<rect x=\"{x}\" y=\"{y:0.#}\" width=\"{barWidth}\" height=\"{h:0.#}\" fill=\"{color}\"><title>{Esc(label)}: {Format.Pct(v)}</title></rect>");
            if (v.StandardError > 0)
            {
                var cx = x + barWidth / 2.0;
                var y1 = top + height - Math.Clamp(v.Mean + v.StandardError, 0, 100) * height / 100.0;
                var y2 = top + height - Math.Clamp(v.Mean - v.StandardError, 0, 100) * height / 100.0;
                sb.Append(Inv, $"<line x1=\"{cx:0.#}\" x2=\"{cx:0.#}\" y1=\"{y1:0.#}\" y2=\"{y2:0.#}\" stroke=\"#222\"/>");
                sb.Append(Inv, $"<line x1=\"{cx - 6:0.#}\" x2=\"{cx + 6:0.#}\" y1=\"{y1:0.#}\" y2=\"{y1:0.#}\" stroke=\"#222\"/>");
                sb.Append(Inv, $"<line x1=\"{cx - 6:0.#}\" x2=\"{cx + 6:0.#}\" y1=\"{y2:0.#}\" y2=\"{y2:0.#}\" stroke=\"#222\"/>");
            }

            sb.Append(Inv, $"<text x=\"{x + barWidth / 2.0:0.#}\" y=\"{y - 3:0.#}\" font-size=\"10\" text-anchor=\"middle\">{v.Mean:0.#}</text>");
            sb.Append(Inv, $"<text x=\"{x + barWidth / 2.0:0.#}\" y=\"{top + height + 14}\" font-size=\"10\" text-anchor=\"middle\">{Esc(label)}</text>");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>
    /// One competition on a horizontal score axis: each seed's score as a dot, and the medal and median thresholds as
    /// vertical lines. The axis runs from worse (left) to better (right).
    /// </summary>
    public static string ScoreStrip(IReadOnlyList<double> scores, IReadOnlyList<(string Label, double? Value, string Color)> thresholds, bool lowerIsBetter)
    {
        const int width = 420, height = 46, pad = 14;
        var values = scores.Concat(thresholds.Where(t => t.Value is not null).Select(t => t.Value!.Value)).ToArray();
        if (values.Length == 0)
        {
            return "";
        }

        var min = values.Min();
        var max = values.Max();
        if (max - min < 1e-12)
        {
            min -= 0.5;
            max += 0.5;
        }

        double X(double v)
        {
            var t = (v - min) / (max - min);
            return pad + (lowerIsBetter ? 1 - t : t) * (width - 2 * pad);
        }

        var sb = new StringBuilder();
        sb.Append(Inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\">");
        sb.Append(Inv, $"<line x1=\"{pad}\" x2=\"{width - pad}\" y1=\"24\" y2=\"24\" stroke=\"#999\"/>");
        foreach (var (label, value, color) in thresholds)
        {
            if (value is { } v)
            {
                sb.Append(Inv, $"<line x1=\"{X(v):0.#}\" x2=\"{X(v):0.#}\" y1=\"8\" y2=\"40\" stroke=\"{color}\" stroke-width=\"2\"><title>{Esc(label)} {Format.Score(v)}</title></line>");
            }
        }

        foreach (var s in scores)
        {
            sb.Append(Inv, $"<circle cx=\"{X(s):0.#}\" cy=\"24\" r=\"5\" fill=\"#1f6feb\" fill-opacity=\"0.75\"><title>score {Format.Score(s)}</title></circle>");
        }

        sb.Append(Inv, $"<text x=\"{pad}\" y=\"44\" font-size=\"9\" fill=\"#666\">worse</text><text x=\"{width - pad}\" y=\"44\" font-size=\"9\" fill=\"#666\" text-anchor=\"end\">better</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }

    public static string Esc(string text) => WebUtility.HtmlEncode(text);
}
