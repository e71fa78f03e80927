namespace AgentML.Bench.Competitions;

/// <summary>Reads the header line of a CSV file (column names, quotes removed) without reading the rows.</summary>
internal static class CsvHeader
{
    public static IReadOnlyList<string> Read(string path)
    {
        using var reader = new StreamReader(path);
        var line = reader.ReadLine() ?? throw new UserFacingException($"{path}: the file is empty; expected a CSV header line.");
        return line.TrimEnd('\r').Split(',').Select(c => c.Trim().Trim('"')).ToArray();
    }
}
