using System.Globalization;
using AgentML.Core.Data;
using AgentML.Core.Tasks;
using AgentML.Search.Ensembles;
using AgentML.Search.Scoring;
using AgentML.Testing;

namespace AgentML.Search.Tests;

/// <summary>The orchestrator's judgement of out-of-fold predictions, the leak test and greedy ensemble selection.</summary>
public sealed class OutOfFoldTests
{
    private static TaskSpec Task(string metric, TaskType type, SubmissionFormat format) => new()
    {
        Id = "t",
        Name = "t",
        RootDirectory = ".",
        PublicDirectory = ".",
        TrainPath = "train.csv",
        TestPath = "test.csv",
        SampleSubmissionPath = "sample_submission.csv",
        Metric = metric,
        IdColumn = "id",
        TargetColumns = ["y"],
        TrainTargetColumns = ["y"],
        TaskType = type,
        SubmissionFormat = format,
    };

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Labels y_i for ids 1..n with folds i % k, written as answers and folds files.</summary>
    private static Labelled Labels(TempDirectory dir, TaskSpec task, IReadOnlyList<string> labels, int k, string name)
    {
        var answers = dir.Combine(name + "-answers.csv");
        new CsvTable(["id", "y"], labels.Select((y, i) => new[] { (i + 1).ToString(CultureInfo.InvariantCulture), y }).ToList()).Write(answers);
        if (k == 0)
        {
            return Labelled.Read(task, answers);
        }

        var folds = dir.Combine(name + "-folds.csv");
        new CsvTable(["id", "fold"], labels.Select((_, i) => new[] { (i + 1).ToString(CultureInfo.InvariantCulture), (i % k).ToString(CultureInfo.InvariantCulture) }).ToList()).Write(folds);
        return Labelled.Read(task, answers, folds);
    }

    private static CsvTable Predictions(IEnumerable<(int Id, string Value)> rows) =>
        new(["id", "y"], rows.Select(r => new[] { r.Id.ToString(CultureInfo.InvariantCulture), r.Value }).ToList());

    [Fact]
    public void OutOfFoldPredictionsAreScoredPerFoldAndPartialOnesOnTheFoldsThatFinished()
    {
        using var dir = new TempDirectory();
        var task = Task("rmse", TaskType.Regression, SubmissionFormat.Value);
        var truth = Enumerable.Range(1, 100).Select(i => (double)i).ToList();
        var train = Labels(dir, task, truth.Select(F).ToList(), 5, "train");
        var scorer = new NodeScorer(train, null, 0);

        var full = scorer.Score(Predictions(truth.Select((y, i) => (i + 1, F(y + ((i % 5) + 1))))), null);
        Assert.Null(full.Error);
        Assert.Equal(5, full.FoldScores.Count);
        Assert.Equal([1.0, 2.0, 3.0, 4.0, 5.0], full.FoldScores.Select(s => Math.Round(s, 9)));
        Assert.Equal(Math.Sqrt(11), full.Score!.Value, 9);
        Assert.Equal(1, full.Coverage);

        // Two folds finished (ids whose index % 5 is 0 or 1).
        var partial = scorer.Score(Predictions(truth.Select((y, i) => (i + 1, F(y + 1))).Where(p => (p.Item1 - 1) % 5 < 2)), null);
        Assert.Equal(0.4, partial.Coverage, 9);
        Assert.Equal(2, partial.FoldScores.Count);
        Assert.Contains("40%", partial.Note, StringComparison.Ordinal);

        var tooFew = scorer.Score(Predictions(truth.Take(5).Select((y, i) => (i + 1, F(y)))), null);
        Assert.Contains("no whole fold", tooFew.Error, StringComparison.Ordinal);
        Assert.Contains("oof.csv", scorer.Score(null, null).Error, StringComparison.Ordinal);
        Assert.Contains("not a row", scorer.Score(Predictions([(999, "1")]), null).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void InSamplePredictionsPassedOffAsOutOfFoldAreFlaggedLeakyAndHonestOnesAreNot()
    {
        using var dir = new TempDirectory();
        var task = Task("accuracy", TaskType.Binary, SubmissionFormat.Label);
        var rng = new Random(3);
        var trainLabels = Enumerable.Range(0, 400).Select(_ => rng.Next(2).ToString(CultureInfo.InvariantCulture)).ToList();
        var checkLabels = Enumerable.Range(0, 200).Select(_ => rng.Next(2).ToString(CultureInfo.InvariantCulture)).ToList();
        var train = Labels(dir, task, trainLabels, 5, "train");
        var check = Labels(dir, task, checkLabels, 0, "check");
        var scorer = new NodeScorer(train, check, 0);

        // About 80 % right on both: honest.
        string Noisy(string y, Random r) => r.NextDouble() < 0.8 ? y : y == "1" ? "0" : "1";
        var r1 = new Random(1);
        var honestCheck = Predictions(checkLabels.Select((y, i) => (i + 1, Noisy(y, r1))));
        var honest = scorer.Score(Predictions(trainLabels.Select((y, i) => (i + 1, Noisy(y, r1)))), honestCheck);
        Assert.Null(honest.Error);
        Assert.False(honest.Leaky);
        Assert.NotNull(honest.CheckScore);

        // Perfect on the training rows (it saw them), 80 % on the check rows: leaky.
        var leaky = scorer.Score(Predictions(trainLabels.Select((y, i) => (i + 1, y))), honestCheck);
        Assert.True(leaky.Leaky);
        Assert.Contains("leaky", leaky.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void GreedySelectionAveragesRegressorsWithIndependentErrorsAndBeatsEachOne()
    {
        using var dir = new TempDirectory();
        var task = Task("rmse", TaskType.Regression, SubmissionFormat.Value);
        var rng = new Random(7);
        var truth = Enumerable.Range(0, 300).Select(_ => rng.NextDouble() * 10).ToArray();
        var train = Labels(dir, task, truth.Select(F).ToList(), 5, "train");
        Member Noisy(string id, double sd)
        {
            var values = truth.Select(t => t + (sd * Gaussian(rng))).ToArray();
            return new Member(id, [values.Select(F).ToArray()], [values]);
        }

        var members = new[] { Noisy("a", 1.0), Noisy("b", 1.0), Noisy("c", 3.0) };
        var singles = members.Select(m => train.Score(m.Columns)).ToList();

        var choice = EnsembleSelector.Select(members, train, BlendKind.Mean, 25)!;

        Assert.True(choice.Score < singles.Min() * 0.85, $"ensemble {choice.Score} vs best single {singles.Min()}");
        Assert.Contains(choice.Weights, w => w.NodeId == "a");
        Assert.Contains(choice.Weights, w => w.NodeId == "b");
        Assert.Equal(1, choice.Weights.Sum(w => w.Weight), 9);
        Assert.True(choice.Weights.Single(w => w.NodeId == "a").Weight > choice.Weights.SingleOrDefault(w => w.NodeId == "c").Weight);
    }

    [Fact]
    public void LabelsAreCombinedByWeightedVoteAndRankedListsByPosition()
    {
        using var dir = new TempDirectory();
        var task = Task("accuracy", TaskType.Multiclass, SubmissionFormat.Label);
        var truth = Enumerable.Range(0, 90).Select(i => "abc"[i % 3].ToString()).ToArray();
        var train = Labels(dir, task, truth, 3, "train");
        // Each member is wrong on a different third of the rows: any two out-vote the third everywhere.
        Member Wrong(string id, int third) => new(id, [truth.Select((y, i) => i / 30 == third ? "z" : y).ToArray()], null);
        var members = new[] { Wrong("a", 0), Wrong("b", 1), Wrong("c", 2) };

        var vote = new Blend(BlendKind.Vote, 1, truth.Length);
        foreach (var member in members)
        {
            vote.Add(member, 1);
        }

        Assert.Equal(1.0, train.Score(vote.Current()), 9);
        Assert.Equal(2.0 / 3, train.Score(members[0].Columns), 9);
        Assert.Equal(2.0 / 3, EnsembleSelector.Select(members, train, BlendKind.Vote, 10)!.Score, 9); // ties never pay in greedy selection

        var blend = new Blend(BlendKind.RankVote, 1, 2);
        blend.Add(new Member("p", [["x y z", "x y z"]], null), 1);
        blend.Add(new Member("q", [["y x z", "z y x"]], null), 1);
        Assert.Equal(["x y z", "x z y"], blend.Current()[0]); // x and z tie at 4/3, y has 1
    }

    [Theory]
    [InlineData(150, true)]
    [InlineData(15_000, false)]
    public void A_node_two_points_of_accuracy_behind_the_best_is_tied_with_it_on_few_rows_but_not_on_many(int rows, bool tied)
    {
        using var dir = new TempDirectory();
        var task = Task("accuracy", TaskType.Binary, SubmissionFormat.Label);
        var truth = Enumerable.Range(0, rows).Select(i => (i % 2).ToString(CultureInfo.InvariantCulture)).ToArray();
        var train = Labels(dir, task, truth, 5, "train");
        var rng = new Random(11);
        string[][] Errs(double rate) => [[.. truth.Select(y => rng.NextDouble() < rate ? (y == "1" ? "0" : "1") : y)]];
        var noise = new FoldNoise(train);
        (double, double[]) Judged(string[][] predictions) => noise.Judge(predictions)!.Value;
        var best = Judged(Errs(0.25));
        var near = Judged(Errs(0.27));
        var far = Judged(Errs(0.45));

        Assert.Equal(5, best.Item2.Length);
        Assert.InRange(best.Item1 - near.Item1, 0.005, 0.04);
        Assert.Equal(tied, noise.Within(near, best));
        Assert.False(noise.Within(far, best));
        Assert.True(noise.Within(best, near)); // a better node is never behind
        var unfolded = new FoldNoise(Labels(dir, task, truth, 0, "unfolded"));
        Assert.Empty(unfolded.FoldScores(Errs(0.27)));
        Assert.False(unfolded.Within((near.Item1, []), best)); // no folds, no noise estimate: never tied
    }

    [Fact]
    public void Selection_started_from_tied_nodes_keeps_them_where_greedy_selection_from_empty_would_not()
    {
        using var dir = new TempDirectory();
        var task = Task("accuracy", TaskType.Multiclass, SubmissionFormat.Label);
        var truth = Enumerable.Range(0, 90).Select(i => "abc"[i % 3].ToString()).ToArray();
        var train = Labels(dir, task, truth, 3, "train");
        Member Wrong(string id, int third) => new(id, [truth.Select((y, i) => i / 30 == third ? "z" : y).ToArray()], null);
        var members = new[] { Wrong("a", 0), Wrong("b", 1), Wrong("c", 2), new Member("d", [truth.Select(_ => "z").ToArray()], null) };

        var started = EnsembleSelector.Select(members, train, BlendKind.Vote, 10, ["a", "b", "c"])!;

        Assert.Equal(1.0, started.Score, 9);
        Assert.Equal(["a", "b", "c"], started.Weights.Select(w => w.NodeId).Order());
        Assert.All(started.Weights, w => Assert.Equal(1.0 / 3, w.Weight, 9));
        Assert.Equal(2.0 / 3, EnsembleSelector.Select(members, train, BlendKind.Vote, 10)!.Score, 9);
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
