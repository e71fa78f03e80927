using AgentML.Core.Data;
using AgentML.Core.Tasks;
using AgentML.Forge.Data;
using AgentML.Forge.Roles;

namespace AgentML.Forge.Verification;

/// <summary>
/// Semantic checks on a written task's train.csv: leakage screens (one feature that alone predicts the target
/// almost perfectly; a column that is the target renamed, shifted or noised; post-outcome columns) and the target's
/// balance (too imbalanced, too few rows per class).
/// </summary>
public sealed class SemanticVerifier : IVerifier
{
    private const VerificationStage S = VerificationStage.Semantic;
    private readonly ForgeKnowledge _knowledge;
    private readonly VerificationOptions _options;

    public SemanticVerifier(ForgeKnowledge knowledge, VerificationOptions options)
    {
        _knowledge = knowledge;
        _options = options;
    }

    public VerificationStage Stage => S;

    public Task<VerifierResult> VerifyAsync(ForgedTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var design = task.Design;
        var train = CsvTable.Read(Path.Combine(task.Folder, "public", "train.csv"));
        var targetIndex = train.ColumnIndex(design.Candidate.Target);
        if (targetIndex < 0)
        {
            return Task.FromResult(new VerifierResult([VerificationCheck.Fail(S, "target", $"train.csv has no column {design.Candidate.Target}")]));
        }

        var target = ColumnData.From(train, targetIndex, _knowledge);
        var classification = design.Candidate.TaskType != TaskType.Regression;
        var features = train.Columns.Select((name, i) => (name, i))
            .Where(c => c.name != design.IdColumn && c.i != targetIndex)
            .Select(c => ColumnData.From(train, c.i, _knowledge)).ToArray();
        var checks = new List<VerificationCheck>
        {
            PostOutcome(features),
            Copies(features, target, classification),
        };
        cancellationToken.ThrowIfCancellationRequested();
        checks.Add(SingleFeatureLeak(features, target, classification));
        if (classification)
        {
            checks.Add(Balance(target));
        }

        return Task.FromResult(new VerifierResult(checks));
    }

    private VerificationCheck PostOutcome(IEnumerable<ColumnData> features)
    {
        var suspects = features.Where(f => ForgeKnowledge.NameHas(f.Name, _knowledge.PostOutcomeHints)).Select(f => f.Name).ToArray();
        return suspects.Length == 0
            ? VerificationCheck.Pass(S, "post-outcome", "no feature name suggests a value recorded after the outcome")
            : VerificationCheck.Fail(S, "post-outcome", $"features recorded after the outcome (by name): {string.Join(", ", suspects)}") with { Features = suspects };
    }

    private VerificationCheck Copies(IEnumerable<ColumnData> features, ColumnData target, bool classification)
    {
        foreach (var feature in features)
        {
            var same = Association.SameValueShare(feature, target);
            if (same >= 0.98)
            {
                return VerificationCheck.Fail(S, "target-copy", $"{feature.Name} equals the target on {Percent.Of(same, 1)} of rows (the target renamed)") with { Features = [feature.Name] };
            }

            if (feature.IsNumeric && target.IsNumeric && !classification)
            {
                var r = Math.Abs(Stats.Pearson(feature.Numbers, target.Numbers));
                if (r >= _options.LeakCorrelation)
                {
                    return VerificationCheck.Fail(S, "target-copy", $"{feature.Name} correlates with the target at |r| = {r:F4} (the target with noise)") with { Features = [feature.Name] };
                }

                if (IsShiftedCopy(feature, target))
                {
                    return VerificationCheck.Fail(S, "target-copy", $"{feature.Name} holds the same values as the target in another order (the target shifted)") with { Features = [feature.Name] };
                }
            }
        }

        return VerificationCheck.Pass(S, "target-copy", "no feature is the target renamed, shifted or noised");
    }

    /// <summary>Same value set both ways and the same distribution (quantiles within 1% of the target's spread).</summary>
    private static bool IsShiftedCopy(ColumnData feature, ColumnData target)
    {
        if (target.Counts().Count < 20 || Association.ValueOverlap(feature, target) < 0.95 || Association.ValueOverlap(target, feature) < 0.95)
        {
            return false;
        }

        var a = feature.Numbers.Where(v => !double.IsNaN(v)).Order().ToArray();
        var b = target.Numbers.Where(v => !double.IsNaN(v)).Order().ToArray();
        var (_, std) = Stats.MeanStd(b);
        if (a.Length == 0 || std <= 0)
        {
            return false;
        }

        var distance = Enumerable.Range(1, 99).Average(q => Math.Abs(a[q * (a.Length - 1) / 100] - b[q * (b.Length - 1) / 100]));
        return distance < 0.01 * std;
    }

    private VerificationCheck SingleFeatureLeak(IEnumerable<ColumnData> features, ColumnData target, bool classification)
    {
        var limit = classification ? _options.LeakClassPredictability : _options.LeakValuePredictability;
        var best = features.Select(f => (f.Name, Score: Association.Predictability(f, target, classification)))
            .OrderByDescending(x => x.Score).FirstOrDefault();
        var what = classification ? "normalised held-out accuracy" : "held-out R²";
        if (best.Name is null)
        {
            return VerificationCheck.Pass(S, "single-feature-leak", "no features");
        }

        if (classification && features.Select(f => (f.Name, Score: Association.Separation(f, target))).MaxBy(x => x.Score) is { Name: not null } split
            && split.Score >= _options.LeakSeparation)
        {
            return VerificationCheck.Fail(S, "single-feature-leak", $"{split.Name} alone separates the two classes almost exactly (2·|AUC − 0.5| = {split.Score:F3} >= {_options.LeakSeparation})") with { Features = [split.Name] };
        }

        return best.Score >= limit
            ? VerificationCheck.Fail(S, "single-feature-leak", $"{best.Name} alone predicts the target almost perfectly ({what} {best.Score:F3} >= {limit})") with { Features = [best.Name] }
            : VerificationCheck.Pass(S, "single-feature-leak", $"the strongest single feature is {best.Name} ({what} {best.Score:F3} < {limit})");
    }

    private VerificationCheck Balance(ColumnData target)
    {
        var counts = target.Counts();
        var total = counts.Sum(kv => kv.Value);
        var smallest = counts[^1];
        var share = (double)smallest.Value / total;
        if (counts.Count < 2)
        {
            return VerificationCheck.Fail(S, "balance", "the target has a single class in train.csv");
        }

        return share >= _options.MinMinorityShare && smallest.Value >= _options.MinClassTrainRows
            ? VerificationCheck.Pass(S, "balance", $"{counts.Count} classes; the smallest, {smallest.Key}, has {smallest.Value} rows ({Percent.Of(share, 1)})")
            : VerificationCheck.Fail(S, "balance", $"too imbalanced: the smallest class {smallest.Key} has {smallest.Value} rows ({Percent.Of(share, 2)}); need {Percent.Of(_options.MinMinorityShare, 0)} and {_options.MinClassTrainRows} rows");
    }
}
