using AgentML.Search.Reports;
using AgentML.Testing;

namespace AgentML.Search.Tests.Reports;

/// <summary>
/// report.html of a finished run opened in headless Chromium (Debian's chromium; scripts/setup.sh --docker installs
/// it): the tree, a clicked node's code and the plot appear, and the page raises no script error. Skipped only where
/// no chromium is installed. With AGENTML_REPORT_SCREENSHOT=path.png it also saves the screenshots the README shows
/// (path.png and path-plot.png).
/// </summary>
public sealed class ReportBrowserTests
{
    [SkippableFact]
    public async Task TheReportShowsTheTreeANodesCodeAndThePlotWithoutScriptErrors()
    {
        var chromium = HeadlessChromium.Find();
        Skip.If(chromium is null, "No chromium on PATH (scripts/setup.sh --docker installs Debian's chromium).");
        using var dir = new TempDirectory("agentml-report-browser");
        var (run, nodes, executions) = SampleRun.Create();
        var file = dir.Combine("report.html");
        await File.WriteAllTextAsync(file, ReportWriter.Html(run, nodes, executions));

        await using var browser = await HeadlessChromium.StartAsync(chromium!, 1400, 1250);
        await browser.NavigateAsync(new Uri(file).AbsoluteUri + "#n008");

        Assert.Equal(22, (int)(await browser.EvaluateAsync("document.querySelectorAll('#tree g.node').length"))!);
        Assert.Equal(19, (int)(await browser.EvaluateAsync("document.querySelectorAll('#tree path.edge').length"))!);
        Assert.Equal(19, (int)(await browser.EvaluateAsync("document.querySelectorAll('#score-plot circle[data-id]').length"))!);
        Assert.StartsWith("n008 · improve · ok · best", (string)(await browser.EvaluateAsync("document.querySelector('#details h3').textContent"))!, StringComparison.Ordinal);
        var shownTree = (await browser.EvaluateAsync("(() => { const r = document.querySelector('#tree').getBoundingClientRect(); return r.width > 300 && r.height > 200; })()"))!;
        Assert.True((bool)shownTree);

        await browser.EvaluateAsync("document.querySelector('#tree g.node[data-id=\"n006\"]').dispatchEvent(new MouseEvent('click', {bubbles: true}))");
        var details = (string)(await browser.EvaluateAsync("document.querySelector('#details').innerText"))!;
        Assert.Contains("n006 · improve · ok", details, StringComparison.Ordinal);
        Assert.Contains("diff vs n002", details, StringComparison.Ordinal);
        Assert.Contains("+" + SampleRun.CodeMarker("n006"), details, StringComparison.Ordinal);
        Assert.Contains("-" + SampleRun.CodeMarker("n002"), details, StringComparison.Ordinal);
        Assert.Contains("1 line", details, StringComparison.Ordinal);
        Assert.Contains("wrote submission/submission.csv", details, StringComparison.Ordinal);

        await browser.EvaluateAsync("[...document.querySelectorAll('#details .tabs button')].find(b => b.textContent === 'full code').click()");
        var code = (string)(await browser.EvaluateAsync("document.querySelector('#details pre.full-code').textContent"))!;
        Assert.Equal(nodes.Single(n => n.Id == "n006").Code, code);
        Assert.True((bool)(await browser.EvaluateAsync("document.querySelector('#score-plot circle[data-id=\"n006\"]').classList.contains('selected')"))!);

        if (Environment.GetEnvironmentVariable("AGENTML_REPORT_SCREENSHOT") is { Length: > 0 } shot)
        {
            await browser.EvaluateAsync("document.querySelector('#tree g.node[data-id=\"n007\"]').dispatchEvent(new MouseEvent('click', {bubbles: true}))");
            await File.WriteAllBytesAsync(shot, await browser.ScreenshotAsync());
            await browser.EvaluateAsync("document.querySelector('#score-plot').scrollIntoView()");
            await File.WriteAllBytesAsync(Path.ChangeExtension(shot, null) + "-plot.png", await browser.ScreenshotAsync());
        }

        Assert.Empty(browser.Errors);
    }
}
