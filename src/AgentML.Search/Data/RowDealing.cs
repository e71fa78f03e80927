namespace AgentML.Search.Data;

/// <summary>
/// How row indices are dealt, seeded: to K folds (by class, by target bins, by group, by blocks of time, at random) and
/// into a held-out check set (per class, whole groups, the latest rows). <see cref="FoldPlanner"/> decides which
/// applies to a task; these only move indices.
/// </summary>
internal static class RowDealing
{
    /// <summary>Rows sorted by time (ties in row order) and cut into K contiguous blocks of about equal size: fold k is the k-th block.</summary>
    internal static int[] TimeBlockFolds(IReadOnlyList<double> times, int k)
    {
        var folds = new int[times.Count];
        var order = Enumerable.Range(0, times.Count).OrderBy(i => times[i]).ThenBy(i => i).ToArray();
        for (var position = 0; position < order.Length; position++)
        {
            folds[order[position]] = (int)((long)position * k / order.Length);
        }

        return folds;
    }

    /// <summary>
    /// The latest rows in time as the check set (about <paramref name="count"/>, as a forecast's test set would be),
    /// in original order, and the other rows; a row of a class with fewer than four rows stays in training.
    /// </summary>
    internal static (List<int> Test, List<int> Train) SplitLatest(IReadOnlyList<double> times, int count, IReadOnlyList<string>? labels)
    {
        var rare = RareClasses(labels);
        var test = Enumerable.Range(0, times.Count).Where(i => labels is null || !rare.Contains(labels[i]))
            .OrderByDescending(i => times[i]).ThenByDescending(i => i).Take(count).Order().ToList();
        return WithRest(test, times.Count);
    }

    /// <summary>
    /// Whole groups dealt to K folds, largest first, each to the fold with the fewest rows so far (ties in a seeded
    /// order): no group is split, and folds stay about equal in size (scikit-learn's GroupKFold, seeded).
    /// </summary>
    internal static int[] GroupedFolds(IReadOnlyList<string> groups, int k, Random rng)
    {
        var folds = new int[groups.Count];
        var sizes = new int[k];
        var byGroup = Enumerable.Range(0, groups.Count).GroupBy(i => groups[i], StringComparer.Ordinal).ToList();
        var offset = rng.Next(k);
        foreach (var g in Shuffled(Enumerable.Range(0, byGroup.Count).ToList(), rng).OrderByDescending(g => byGroup[g].Count()))
        {
            var fold = Enumerable.Range(0, k).MinBy(f => (sizes[f], (f + offset) % k));
            foreach (var row in byGroup[g])
            {
                folds[row] = fold;
            }

            sizes[fold] += byGroup[g].Count();
        }

        return folds;
    }

    /// <summary>
    /// A seeded check set of whole groups, about <paramref name="count"/> rows, in original order, and the other rows;
    /// a group holding a row of a class with fewer than four rows stays in training.
    /// </summary>
    internal static (List<int> Test, List<int> Train) SplitGroups(IReadOnlyList<string> groups, int count, IReadOnlyList<string>? labels, Random rng)
    {
        var rare = RareClasses(labels);
        var byGroup = Enumerable.Range(0, groups.Count).GroupBy(i => groups[i], StringComparer.Ordinal)
            .Where(g => labels is null || !g.Any(i => rare.Contains(labels[i]))).ToList();
        var test = new List<int>();
        foreach (var g in Shuffled(Enumerable.Range(0, byGroup.Count).ToList(), rng))
        {
            if (test.Count >= count)
            {
                break;
            }

            test.AddRange(byGroup[g]);
        }

        test.Sort();
        return WithRest(test, groups.Count);
    }

    /// <summary>Classes with fewer than four rows: their rows never go to the check set, so that training keeps them.</summary>
    private static HashSet<string> RareClasses(IReadOnlyList<string>? labels) =>
        labels is null ? [] : labels.GroupBy(l => l, StringComparer.Ordinal).Where(g => g.Count() < 4).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>Folds dealt class by class in a shuffled order, continuing across classes, so that every fold gets its share of each class.</summary>
    internal static int[] StratifiedFolds(IReadOnlyList<string> labels, int k, Random rng)
    {
        var folds = new int[labels.Count];
        var next = rng.Next(k);
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var row in Shuffled(group.ToList(), rng))
            {
                folds[row] = next;
                next = (next + 1) % k;
            }
        }

        return folds;
    }

    /// <summary>Rows sorted by target and dealt in blocks of K, each block in a random fold order: every fold spans the target's range.</summary>
    internal static int[] BinnedFolds(IReadOnlyList<double> target, int k, Random rng)
    {
        var folds = new int[target.Count];
        var order = Enumerable.Range(0, target.Count).OrderBy(i => target[i]).ThenBy(i => i).ToArray();
        for (var start = 0; start < order.Length; start += k)
        {
            var slots = Enumerable.Range(0, k).ToArray();
            rng.Shuffle(slots);
            for (var j = 0; j < k && start + j < order.Length; j++)
            {
                folds[order[start + j]] = slots[j];
            }
        }

        return folds;
    }

    internal static int[] RandomFolds(int count, int k, Random rng)
    {
        var folds = Enumerable.Range(0, count).Select(i => i % k).ToArray();
        rng.Shuffle(folds);
        return folds;
    }

    /// <summary>Seeded hold-out of <paramref name="testCount"/> rows, per class in proportion when labels are given.</summary>
    internal static (List<int> Test, List<int> Train) SplitIndices(int rowCount, int testCount, IReadOnlyList<string>? labels, Random rng)
    {
        return WithRest(Subsample(Enumerable.Range(0, rowCount).ToList(), testCount, labels, rng), rowCount);
    }

    /// <summary>
    /// A seeded subset of <paramref name="rows"/> of about <paramref name="count"/> rows, in original order; with
    /// labels, every class keeps its share, classes with four or more rows keep at least one on each side, and a rarer class
    /// with one row stays on the side that keeps more rows.
    /// </summary>
    internal static List<int> Subsample(IReadOnlyList<int> rows, int count, IReadOnlyList<string>? labels, Random rng)
    {
        if (count >= rows.Count)
        {
            return [.. rows];
        }

        var chosen = new List<int>(count);
        if (labels is null)
        {
            chosen.AddRange(Shuffled(rows, rng).Take(count));
        }
        else
        {
            var share = (double)count / rows.Count;
            foreach (var group in rows.GroupBy(i => labels[i]).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var members = group.ToList();
                var take = (int)Math.Round(members.Count * share);
                take = members.Count >= 4 ? Math.Clamp(take, 1, members.Count - 1) : share >= 0.5 ? members.Count : 0;
                chosen.AddRange(Shuffled(members, rng).Take(take));
            }
        }

        chosen.Sort();
        return chosen;
    }

    /// <summary>The held-out rows and every other row of <paramref name="rowCount"/>, both in original order.</summary>
    private static (List<int> Test, List<int> Train) WithRest(List<int> test, int rowCount)
    {
        var inTest = new HashSet<int>(test);
        return (test, [.. Enumerable.Range(0, rowCount).Where(i => !inTest.Contains(i))]);
    }

    private static List<int> Shuffled(IReadOnlyList<int> items, Random rng)
    {
        var copy = items.ToArray();
        rng.Shuffle(copy);
        return [.. copy];
    }
}
