using AgentML.Core.Data;
using AgentML.Testing;

namespace AgentML.Core.Tests.Tasks;

/// <summary>
/// A Kaggle-style folder (no competition.yaml) derived from a shared task: its public tables and answers, reshaped
/// (columns renamed, values recoded, files renamed or moved) and written under a temp folder.
/// </summary>
internal sealed class KaggleFolder
{
    public required CsvTable Train { get; set; }

    public required CsvTable Test { get; set; }

    public required CsvTable Sample { get; set; }

    public required CsvTable Answers { get; set; }

    public required string Description { get; set; }

    public string TrainFile { get; set; } = "train.csv";

    public string TestFile { get; set; } = "test.csv";

    public string SampleFile { get; set; } = "sample_submission.csv";

    /// <summary>The folder of the public files ("" for the task root).</summary>
    public string Subfolder { get; set; } = "";

    public static KaggleFolder From(string sharedTask)
    {
        var root = TestPaths.Task(sharedTask);
        var read = (string part, string file) => CsvTable.Read(Path.Combine(root, part, file));
        return new KaggleFolder
        {
            Train = read("public", "train.csv"),
            Test = read("public", "test.csv"),
            Sample = read("public", "sample_submission.csv"),
            Answers = read("private", "answers.csv"),
            Description = File.ReadAllText(Path.Combine(root, "description.md")),
        };
    }

    /// <summary>Renames a column in every table that has it.</summary>
    public KaggleFolder Rename(string from, string to, bool train = true, bool test = true, bool sample = true, bool answers = true)
    {
        Train = train ? Renamed(Train, from, to) : Train;
        Test = test ? Renamed(Test, from, to) : Test;
        Sample = sample ? Renamed(Sample, from, to) : Sample;
        Answers = answers ? Renamed(Answers, from, to) : Answers;
        return this;
    }

    /// <summary>The evaluation section replaced by <paramref name="text"/>.</summary>
    public KaggleFolder Evaluation(string text)
    {
        Description = Description.Split("## Evaluation")[0] + "## Evaluation\n\n" + text + "\n";
        return this;
    }

    public static CsvTable Renamed(CsvTable table, string from, string to) =>
        new(table.Columns.Select(c => c == from ? to : c).ToArray(), table.Rows);

    public static CsvTable Without(CsvTable table, params string[] columns)
    {
        var keep = table.Columns.Select((c, i) => (c, i)).Where(p => !columns.Contains(p.c)).Select(p => p.i).ToArray();
        return new CsvTable(keep.Select(i => table.Columns[i]).ToArray(), table.Rows.Select(r => keep.Select(i => r[i]).ToArray()).ToArray());
    }

    /// <summary>The table with <paramref name="column"/>'s values replaced (a new column is appended when absent).</summary>
    public static CsvTable WithColumn(CsvTable table, string column, Func<string[], string> value)
    {
        var index = table.ColumnIndex(column);
        var columns = index >= 0 ? table.Columns.ToArray() : [.. table.Columns, column];
        var rows = table.Rows.Select(r =>
        {
            var copy = index >= 0 ? (string[])r.Clone() : [.. r, ""];
            copy[index >= 0 ? index : copy.Length - 1] = value(r);
            return copy;
        }).ToArray();
        return new CsvTable(columns, rows);
    }

    /// <summary>Writes the folder: public files (in <see cref="Subfolder"/>), private/answers.csv, description.md.</summary>
    public string WriteTo(TempDirectory temp, string name)
    {
        var root = temp.Combine(name);
        var dir = Path.Combine(root, Subfolder);
        Directory.CreateDirectory(dir);
        Train.Write(Path.Combine(dir, TrainFile));
        Test.Write(Path.Combine(dir, TestFile));
        Sample.Write(Path.Combine(dir, SampleFile));
        Answers.Write(Path.Combine(root, "private", "answers.csv"));
        File.WriteAllText(Path.Combine(root, "description.md"), Description);
        return root;
    }
}
