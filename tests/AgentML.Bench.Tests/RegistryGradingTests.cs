using System.Globalization;
using System.Text;

namespace AgentML.Bench.Tests;

/// <summary>Registry entries grade like MLE-bench's grade.py on small prepared folders made here.</summary>
public sealed class RegistryGradingTests
{
    [Fact]
    public async Task Nomad_is_the_mean_of_column_wise_rmsle_on_rows_in_file_order_and_taxi_is_rmse_on_key()
    {
        using var h = new BenchHarness();
        var data = h.Temp.Combine("data");
        double[] formation = [0.1, 0.2, 0.3, 0.25];
        double[] bandgap = [1.5, 2.5, 3.0, 0.5];
        double[] formationPred = [0.12, 0.18, 0.33, 0.2];
        double[] bandgapPred = [1.4, 2.9, 2.5, 0.7];
        Prepared(data, "nomad2018-predict-transparent-conductors", "train.csv",
            "id,formation_energy_ev_natom,bandgap_energy_ev",
            Enumerable.Range(0, 4).Select(i => Row(i + 1, formation[i], bandgap[i])));
        double[] fares = [5.5, 12.0, 30.25];
        double[] farePred = [6.0, 10.0, 31.0];
        Prepared(data, "new-york-city-taxi-fare-prediction", "labels.csv",
            "key,fare_amount",
            Enumerable.Range(0, 3).Select(i => $"2015-01-0{i + 1} 10:00:00.1,{fares[i].ToString(CultureInfo.InvariantCulture)}"));
        var agent = DelegateAgent.Writing(id => id.StartsWith("nomad", StringComparison.Ordinal)
            ? "id,formation_energy_ev_natom,bandgap_energy_ev\n" + string.Concat(Enumerable.Range(0, 4).Reverse().Select(i => Row(i + 1, formationPred[i], bandgapPred[i]) + "\n"))
            : "key,fare_amount\n" + string.Concat(Enumerable.Range(0, 3).Select(i => $"2015-01-0{i + 1} 10:00:00.1,{farePred[i].ToString(CultureInfo.InvariantCulture)}\n")));

        var files = await h.RunAsync(h.Options(data), agent);

        var nomad = files.Report.Runs.Single(r => r.CompetitionId.StartsWith("nomad", StringComparison.Ordinal)).Report!;
        // nomad's grade.py never reads the id: the reversed submission is scored row by row in file order.
        var expected = (Rmsle(formation, formationPred.Reverse().ToArray()) + Rmsle(bandgap, bandgapPred.Reverse().ToArray())) / 2;
        Assert.True(nomad.ValidSubmission, nomad.InvalidReason);
        Assert.Equal(Math.Round(expected, 5), nomad.Score!.Value, 9);
        Assert.True(nomad.IsLowerBetter);
        var taxi = files.Report.Runs.Single(r => r.CompetitionId.StartsWith("new-york", StringComparison.Ordinal)).Report!;
        var rmse = Math.Sqrt(fares.Zip(farePred, (t, p) => (t - p) * (t - p)).Average());
        Assert.True(taxi.ValidSubmission, taxi.InvalidReason);
        Assert.Equal(Math.Round(rmse, 5), taxi.Score!.Value, 9);
    }

    private static string Row(int id, double a, double b) => string.Create(CultureInfo.InvariantCulture, $"{id},{a},{b}");

    private static double Rmsle(double[] t, double[] p) => Math.Sqrt(t.Zip(p, (x, y) => Math.Pow(Math.Log(1 + x) - Math.Log(1 + y), 2)).Average());

    /// <summary>A prepared competition whose answers are <paramref name="answerRows"/>; public test = ids only.</summary>
    private static void Prepared(string data, string id, string trainName, string header, IEnumerable<string> answerRows)
    {
        var prepared = Path.Combine(data, id, "prepared");
        Directory.CreateDirectory(Path.Combine(prepared, "public"));
        Directory.CreateDirectory(Path.Combine(prepared, "private"));
        var rows = answerRows.ToArray();
        var idColumn = header.Split(',')[0];
        var targets = header.Split(',').Length - 1;
        File.WriteAllText(Path.Combine(prepared, "public", trainName), header + ",x\n" + string.Concat(rows.Select(r => r + ",1\n")));
        File.WriteAllText(Path.Combine(prepared, "public", "test.csv"), idColumn + ",x\n" + string.Concat(rows.Select(r => r.Split(',')[0] + ",1\n")));
        var zeros = string.Concat(Enumerable.Repeat(",0", targets));
        File.WriteAllText(Path.Combine(prepared, "public", "sample_submission.csv"), header + "\n" + string.Concat(rows.Select(r => r.Split(',')[0] + zeros + "\n")));
        File.WriteAllText(Path.Combine(prepared, "private", "test.csv"), new StringBuilder(header).Append('\n').Append(string.Concat(rows.Select(r => r + "\n"))).ToString());
    }
}
