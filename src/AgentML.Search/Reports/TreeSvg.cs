using System.Globalization;
using System.Net;
using System.Text;

namespace AgentML.Search.Reports;

/// <summary>
/// The search tree as an SVG drawn left to right: one column per depth, a box per node coloured by status (working
/// nodes darker green the better they rank), edges to the first parent, dashed edges from a merge's second parent,
/// the best node ringed in gold, the submission's node starred and ensemble members dotted in blue.
/// </summary>
internal static class TreeSvg
{
    private const int BoxWidth = 112;
    private const int BoxHeight = 20;
    private const int ColumnWidth = 148;
    private const int RowHeight = 26;
    private const int Margin = 12;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var places = TreeLayout.Place(model.Nodes);
        if (places.Count == 0)
        {
            return "<p>No node yet.</p>";
        }

        var at = places.ToDictionary(p => p.Node.Id, StringComparer.Ordinal);
        var shade = Shades(model);
        var width = (Margin * 2) + (places.Max(p => p.Depth) * ColumnWidth) + BoxWidth + 20;
        var height = (Margin * 2) + ((places.Max(p => p.Row) + 1) * RowHeight);
        var sb = new StringBuilder();
        sb.Append(Inv, $"<svg id=\"tree\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height:F0}\" font-size=\"11\" font-family=\"ui-monospace,monospace\">");
        foreach (var place in places)
        {
            for (var i = 0; i < place.Node.Parents.Count; i++)
            {
                if (at.TryGetValue(place.Node.Parents[i], out var parent))
                {
                    var (x1, y1) = (X(parent.Depth) + BoxWidth, Y(parent.Row));
                    var (x2, y2) = (X(place.Depth), Y(place.Row));
                    var mid = (x1 + x2) / 2;
                    var style = i == 0 ? "edge" : "edge merge";
                    sb.Append(Inv, $"<path class=\"{style}\" d=\"M{x1:F1},{y1:F1} C{mid:F1},{y1:F1} {mid:F1},{y2:F1} {x2:F1},{y2:F1}\"/>");
                }
            }
        }

        foreach (var place in places)
        {
            var node = place.Node;
            var (x, y) = (X(place.Depth), Y(place.Row) - (BoxHeight / 2.0));
            var status = node.Status.ToString().ToLowerInvariant();
            var classes = new List<string> { "node", status };
            if (node.Id == model.BestNodeId)
            {
                classes.Add("best");
            }

            if (node.EnsembleWeight is not null)
            {
                classes.Add("member");
            }

            var fill = shade.TryGetValue(node.Id, out var f) ? $" style=\"fill:{f}\"" : "";
            var dark = shade.ContainsKey(node.Id) && Rank(model, node) > 0.55;
            var star = node.Id == model.FinalNodeId ? "★" : "";
            var score = node.Score is { } s ? " " + Short(s) : node.Status == ReportStatus.Buggy ? " ✗" : "";
            sb.Append(Inv, $"<g class=\"{string.Join(' ', classes)}\" data-id=\"{H(node.Id)}\" tabindex=\"0\">")
              .Append(Inv, $"<title>{H(node.Id)} {H(node.Operator)} {status}{H(score)} — {H(TreeLayout.Summary(node.Plan, 120))}</title>")
              .Append(Inv, $"<rect x=\"{x:F1}\" y=\"{y:F1}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"4\"{fill}/>")
              .Append(Inv, $"<text x=\"{x + 5:F1}\" y=\"{y + 14:F1}\"{(dark ? " class=\"light\"" : "")}>{star}{H(node.Id)}{H(score)}</text>");
            if (node.EnsembleWeight is { } w)
            {
                sb.Append(Inv, $"<circle class=\"weight\" cx=\"{x + BoxWidth:F1}\" cy=\"{y:F1}\" r=\"{3 + (5 * Math.Sqrt(Math.Clamp(w, 0, 1))):F1}\"><title>ensemble weight {w:G3}</title></circle>");
            }

            sb.Append("</g>");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>Fill colours of working nodes: light green for the worst, dark green for the best (by rank).</summary>
    private static Dictionary<string, string> Shades(ReportModel model)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in model.Nodes.Where(n => n.Status == ReportStatus.Ok && n.Score is not null))
        {
            var t = Rank(model, node);
            var (r, g, b) = (Lerp(0xd8, 0x1a, t), Lerp(0xf0, 0x7f, t), Lerp(0xd8, 0x37, t));
            result[node.Id] = $"#{r:x2}{g:x2}{b:x2}";
        }

        return result;
    }

    /// <summary>0 for the worst working node, 1 for the best.</summary>
    private static double Rank(ReportModel model, ReportNode node)
    {
        var scores = model.Nodes.Where(n => n.Status == ReportStatus.Ok && n.Score is not null).Select(n => n.Score!.Value).ToList();
        if (scores.Count < 2 || node.Score is not { } s)
        {
            return 1;
        }

        var notBetter = scores.Count(o => !model.IsBetter(o, s)) - 1;
        return (double)notBetter / (scores.Count - 1);
    }

    private static int Lerp(int a, int b, double t) => (int)Math.Round(a + ((b - a) * t));

    private static double X(int depth) => Margin + (depth * ColumnWidth);

    private static double Y(double row) => Margin + (row * RowHeight) + (RowHeight / 2.0);

    internal static string Short(double value) => value.ToString("G4", Inv);

    private static string H(string text) => WebUtility.HtmlEncode(text);
}
