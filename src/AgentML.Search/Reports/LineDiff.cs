namespace AgentML.Search.Reports;

/// <summary>How a line of a diff relates the old text to the new one.</summary>
public enum DiffKind
{
    Same,
    Added,
    Removed,
}

public readonly record struct DiffLine(DiffKind Kind, string Text);

/// <summary>A line diff (longest common subsequence after trimming the common head and tail).</summary>
public static class LineDiff
{
    /// <summary>Above this many cells the middle is shown as all removed, then all added.</summary>
    private const long MaxCells = 4_000_000;

    public static IReadOnlyList<DiffLine> Compare(string oldText, string newText)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        var a = Lines(oldText);
        var b = Lines(newText);
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)])
        {
            tail++;
        }

        var result = new List<DiffLine>(a.Length + b.Length);
        result.AddRange(a[..head].Select(l => new DiffLine(DiffKind.Same, l)));
        Middle(a[head..(a.Length - tail)], b[head..(b.Length - tail)], result);
        result.AddRange(a[(a.Length - tail)..].Select(l => new DiffLine(DiffKind.Same, l)));
        return result;
    }

    /// <summary>The changed lines with <paramref name="context"/> unchanged lines around them; a null entry marks skipped lines.</summary>
    public static IReadOnlyList<DiffLine?> Hunks(IReadOnlyList<DiffLine> diff, int context = 3)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var keep = new bool[diff.Count];
        for (var i = 0; i < diff.Count; i++)
        {
            if (diff[i].Kind == DiffKind.Same)
            {
                continue;
            }

            for (var j = Math.Max(0, i - context); j <= Math.Min(diff.Count - 1, i + context); j++)
            {
                keep[j] = true;
            }
        }

        var result = new List<DiffLine?>();
        for (var i = 0; i < diff.Count; i++)
        {
            if (keep[i])
            {
                result.Add(diff[i]);
            }
            else if (result.Count == 0 || result[^1] is not null)
            {
                result.Add(null);
            }
        }

        return result;
    }

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');

    private static void Middle(string[] a, string[] b, List<DiffLine> result)
    {
        if ((long)a.Length * b.Length > MaxCells)
        {
            result.AddRange(a.Select(l => new DiffLine(DiffKind.Removed, l)));
            result.AddRange(b.Select(l => new DiffLine(DiffKind.Added, l)));
            return;
        }

        // lcs[i, j]: length of the longest common subsequence of a[i..] and b[j..].
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                result.Add(new DiffLine(DiffKind.Same, a[x++]));
                y++;
            }
            else if (lcs[x + 1, y] >= lcs[x, y + 1])
            {
                result.Add(new DiffLine(DiffKind.Removed, a[x++]));
            }
            else
            {
                result.Add(new DiffLine(DiffKind.Added, b[y++]));
            }
        }

        result.AddRange(a[x..].Select(l => new DiffLine(DiffKind.Removed, l)));
        result.AddRange(b[y..].Select(l => new DiffLine(DiffKind.Added, l)));
    }
}
