using AgentML.Core.Metrics;
using AgentML.Search.Scoring;

namespace AgentML.Search.Ensembles;

/// <summary>The outcome of ensemble selection: weights per node (summing to 1) and the ensemble's score on the rows it was chosen on.</summary>
internal sealed record EnsembleChoice(IReadOnlyList<(string NodeId, double Weight)> Weights, double Score, int Rounds);

/// <summary>
/// Greedy ensemble selection with replacement (Caruana et al. 2004): start from the given members (once each; empty
/// when none are given: Caruana's "sorted initialization"), add at each round the member whose addition scores best,
/// and keep the best prefix (the start counts as one). Ties go to a member already in the ensemble, then to the better
/// single member (members come best first). Stops after <c>patience</c> rounds without a better prefix.
/// </summary>
internal static class EnsembleSelector
{
    private const int Patience = 6;

    public static EnsembleChoice? Select(IReadOnlyList<Member> members, Labelled rows, BlendKind kind, int rounds, IReadOnlyCollection<string>? start = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(rows);
        if (members.Count == 0)
        {
            return null;
        }

        var blend = new Blend(kind, rows.Columns.Length, rows.Count);
        var counts = members.ToDictionary(m => m.NodeId, _ => 0, StringComparer.Ordinal);
        Dictionary<string, int>? best = null;
        var bestScore = double.NaN;
        var bestRound = 0;
        foreach (var member in members.Where(m => start?.Contains(m.NodeId) == true))
        {
            blend.Add(member, 1);
            counts[member.NodeId]++;
        }

        if (counts.Values.Any(c => c > 0))
        {
            try
            {
                bestScore = rows.Score(blend.Current());
                best = double.IsFinite(bestScore) ? new Dictionary<string, int>(counts, StringComparer.Ordinal) : null;
            }
            catch (Exception ex) when (ex is InvalidPredictionException or MetricUndefinedException)
            {
                best = null;
            }
        }

        for (var round = 1; round <= rounds && round - bestRound <= Patience; round++)
        {
            (Member Member, double Score)? pick = null;
            foreach (var member in members.OrderByDescending(m => counts[m.NodeId] > 0))
            {
                double score;
                try
                {
                    score = rows.Score(blend.Preview(member, 1));
                }
                catch (Exception ex) when (ex is InvalidPredictionException or MetricUndefinedException)
                {
                    continue;
                }

                if (double.IsFinite(score) && (pick is null || rows.IsBetter(score, pick.Value.Score)))
                {
                    pick = (member, score);
                }
            }

            if (pick is null)
            {
                break;
            }

            blend.Add(pick.Value.Member, 1);
            counts[pick.Value.Member.NodeId]++;
            if (best is null || rows.IsBetter(pick.Value.Score, bestScore))
            {
                best = new Dictionary<string, int>(counts, StringComparer.Ordinal);
                bestScore = pick.Value.Score;
                bestRound = round;
            }
        }

        if (best is null)
        {
            return null;
        }

        double total = best.Values.Sum();
        var weights = best.Where(p => p.Value > 0).Select(p => (p.Key, p.Value / total))
            .OrderByDescending(p => p.Item2).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        return new EnsembleChoice(weights, bestScore, bestRound);
    }
}
