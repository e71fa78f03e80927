using System.Globalization;
using AgentML.Core.Data;

namespace AgentML.Core.Tasks;

/// <summary>The inferences that say which columns name files and where the test set is, in words.</summary>
internal static class FileInputNotes
{
    public static IEnumerable<Inference> Describe(IReadOnlyList<FileColumn> columns, string? testFolder, CsvTable sample, string idColumn)
    {
        foreach (var c in columns)
        {
            var where = c.TrainFolders.Count == 0 ? "" : $" in {Folders(c.TrainFolders)}";
            var test = c.TestFolders.Count == 0 ? "" : $"; test files in {Folders(c.TestFolders)}";
            var sizes = c.Sizes is { } s ? $"; {s}" : "";
            var suffix = c.Suffix.Length == 0 ? "" : $" + '{c.Suffix}'";
            yield return new Inference(
                "file_inputs",
                $"{Name(c.Kind)} files named by '{c.Column}'{suffix}{where}{test}{sizes}",
                (c.Kind == FileKind.Image ? "" : $"WARNING: the builtin expert cannot read {Name(c.Kind)} files and models the table only (an LLM model can use them); ")
                + string.Create(CultureInfo.InvariantCulture,
                    $"{c.Found} of {c.Checked} checked values of '{c.Column}' name a file of the task folder (e.g. {c.Example}); {c.FileCount} {string.Join("/", c.Extensions)} files in all"));
        }

        if (testFolder is not null)
        {
            var ids = sample.ColumnIndex(idColumn) >= 0 ? sample.RowCount : 0;
            var found = columns.Any(c => c.TestFolders.Count > 0);
            yield return new Inference(
                "test_set",
                string.Create(CultureInfo.InvariantCulture, $"the {ids} ids ('{idColumn}') of the sample submission; files in {testFolder}/"),
                found
                    ? $"no test table; the folder {testFolder}/ holds the test files, named by the sample submission's ids"
                    : $"WARNING: no test table and the sample submission's ids name no file found in {testFolder}/");
        }
    }

    private static string Folders(IReadOnlyList<string> folders) =>
        string.Join(", ", folders.Take(3).Select(f => f.Length == 0 ? "the task folder" : f + "/")) + (folders.Count > 3 ? $" and {folders.Count - 3} more" : "");

    private static string Name(FileKind kind) => kind switch
    {
        FileKind.Image => "image",
        FileKind.Audio => "audio",
        FileKind.Text => "text",
        _ => "data",
    };
}
