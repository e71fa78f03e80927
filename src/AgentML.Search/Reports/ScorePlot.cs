using System.Globalization;
using System.Net;
using System.Text;

namespace AgentML.Search.Reports;

/// <summary>An inline SVG of node scores over run time, with the best-so-far as a step line.</summary>
internal static class ScorePlot
{
    private const int Width = 720;
    private const int Height = 300;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 20;
    private const int Bottom = 40;

    public static string Svg(IReadOnlyList<(double Seconds, double Score, double BestSoFar, string NodeId)> points, string metric)
    {
        if (points.Count == 0)
        {
            return "<p>No working node yet.</p>";
        }

        var inv = CultureInfo.InvariantCulture;
        var maxT = Math.Max(1, points.Max(p => p.Seconds));
        var minS = points.Min(p => p.Score);
        var maxS = points.Max(p => p.Score);
        if (maxS - minS < 1e-12)
        {
            minS -= 0.5 * Math.Max(Math.Abs(minS), 1e-3);
            maxS += 0.5 * Math.Max(Math.Abs(maxS), 1e-3);
        }

        double X(double t) => Left + ((Width - Left - Right) * t / maxT);
        double Y(double s) => Top + ((Height - Top - Bottom) * (1 - ((s - minS) / (maxS - minS))));
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-size=\"11\">");
        sb.Append(inv, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/>");
        sb.Append(inv, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var s = minS + ((maxS - minS) * i / 4);
            var t = maxT * i / 4;
            sb.Append(inv, $"<text x=\"{Left - 6}\" y=\"{Y(s) + 4:F1}\" text-anchor=\"end\">{s:G4}</text>");
            sb.Append(inv, $"<text x=\"{X(t):F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{t:F0}s</text>");
        }

        sb.Append(inv, $"<text x=\"{Left + 4}\" y=\"{Top - 6}\">{WebUtility.HtmlEncode(metric)}</text>");
        var step = new StringBuilder();
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            if (i == 0)
            {
                step.Append(inv, $"M{X(p.Seconds):F1},{Y(p.BestSoFar):F1}");
            }
            else
            {
                step.Append(inv, $" H{X(p.Seconds):F1} V{Y(p.BestSoFar):F1}");
            }
        }

        step.Append(inv, $" H{X(maxT):F1}");
        sb.Append(inv, $"<path d=\"{step}\" fill=\"none\" stroke=\"#1f6feb\" stroke-width=\"2\"/>");
        foreach (var p in points)
        {
            sb.Append(inv, $"<circle cx=\"{X(p.Seconds):F1}\" cy=\"{Y(p.Score):F1}\" r=\"4\" fill=\"#e36209\"><title>{WebUtility.HtmlEncode(p.NodeId)}: {p.Score:G6} at {p.Seconds:F0}s</title></circle>");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }
}
