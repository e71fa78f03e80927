namespace AgentML.Search.Reports;

/// <summary>The report page's stylesheet and script, embedded in this assembly (Reports/Assets).</summary>
internal static class ReportAssets
{
    private static readonly Lazy<string> CssText = new(() => Read("report.css"));
    private static readonly Lazy<string> ScriptText = new(() => Read("report.js"));

    public static string Css => CssText.Value;

    public static string Script => ScriptText.Value;

    private static string Read(string name)
    {
        var resource = "AgentML.Search.Reports.Assets." + name;
        using var stream = typeof(ReportAssets).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource {resource} is missing from {typeof(ReportAssets).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
