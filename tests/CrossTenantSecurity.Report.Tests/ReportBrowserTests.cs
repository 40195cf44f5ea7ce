using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CrossTenantSecurity.Report.Tests
{
    /// <summary>The HTML report opened in headless Chromium: self-contained, every chart drawn, tables that sort and filter, one customer per customer report.</summary>
    [Collection(ReportCollection.Name)]
    public class ReportBrowserTests
    {
        private readonly ReportFixture _reports;
        private readonly ITestOutputHelper _output;

        public ReportBrowserTests(ReportFixture reports, ITestOutputHelper output)
        {
            _reports = reports;
            _output = output;
        }

        /// <summary>A page that records console errors, script errors, dialogs and every request it makes.</summary>
        private sealed class OpenedReport : IAsyncDisposable
        {
            public IPage Page { get; init; } = null!;
            public IBrowserContext Context { get; init; } = null!;
            public ConcurrentQueue<string> Errors { get; } = new();
            public ConcurrentQueue<string> Requests { get; } = new();
            public TimeSpan Rendered { get; set; }
            /// <summary>Navigation start to the first frame painted after the report's script ran, by the browser's own clock.</summary>
            public double PaintedMs { get; set; }
            public ICDPSession Cdp { get; set; } = null!;
            public string Url { get; init; } = string.Empty;

            public IEnumerable<string> Foreign => Requests.Where(r => !string.Equals(r, Url, StringComparison.Ordinal));

            public async ValueTask DisposeAsync() => await Context.DisposeAsync();
        }

        private async Task<OpenedReport> OpenAsync(string path)
        {
            IBrowserContext context = await _reports.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
            IPage page = await context.NewPageAsync();
            var opened = new OpenedReport { Context = context, Page = page, Url = new Uri(path).AbsoluteUri };
            page.Console += (_, m) => { if (m.Type == "error") opened.Errors.Enqueue("console: " + m.Text); };
            page.PageError += (_, e) => opened.Errors.Enqueue("page error: " + e);
            page.Dialog += async (_, d) => { opened.Errors.Enqueue("dialog: " + d.Message); await d.DismissAsync(); };
            context.Request += (_, r) => opened.Requests.Enqueue(r.Url);
            opened.Cdp = await context.NewCDPSessionAsync(page);
            await opened.Cdp.SendAsync("Performance.enable");
            var watch = Stopwatch.StartNew();
            await page.GotoAsync(opened.Url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            await page.WaitForSelectorAsync("html[data-ready='true']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
            await page.WaitForSelectorAsync("html[data-painted-ms]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached }); // laid out and painted
            opened.Rendered = watch.Elapsed;
            opened.PaintedMs = double.Parse(await page.GetAttributeAsync("html", "data-painted-ms") ?? "NaN", System.Globalization.CultureInfo.InvariantCulture);
            return opened;
        }

        private async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
        {
            string file = Path.Combine(_reports.Artifacts, name + ".png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = fullPage, Timeout = 120_000 });
            _output.WriteLine($"screenshot: {file}");
        }

        private static Task<int> CountAsync(IPage page, string selector) => page.Locator(selector).CountAsync();

        private static JsonElement Json(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

        private static void AssertSelfContained(OpenedReport report)
        {
            Assert.True(report.Errors.IsEmpty, "console or script errors: " + string.Join(" | ", report.Errors));
            Assert.Equal(new[] { report.Url }, report.Requests.Distinct().ToArray());
            Assert.Empty(report.Foreign);
        }

        [Fact]
        public async Task Sample_report_opens_with_no_error_no_request_beyond_the_file_and_every_chart_drawn()
        {
            await using OpenedReport report = await OpenAsync(_reports.SampleReport);
            AssertSelfContained(report);
            JsonElement snapshot = Json(_reports.SampleJson);
            var tenants = snapshot.GetProperty("Tenants").EnumerateArray().ToList();
            int scored = tenants.Count(t => t.GetProperty("Percentage").ValueKind == JsonValueKind.Number);
            int standards = snapshot.GetProperty("Compliance").EnumerateArray().Count(c => c.GetProperty("PassedPercentage").ValueKind == JsonValueKind.Number);

            Assert.Equal(3, tenants.Count);
            Assert.Equal(scored, await CountAsync(report.Page, "svg[data-chart='chart-scores'] g.bar"));
            Assert.Equal(1, await CountAsync(report.Page, "svg[data-chart='chart-scores'] g.reference line"));
            Assert.Equal(tenants.Count, await CountAsync(report.Page, "svg[data-chart='chart-unhealthy'] g.bar"));
            Assert.Equal(4, await CountAsync(report.Page, "svg[data-chart='chart-alerts'] g.bar"));
            Assert.Equal(snapshot.GetProperty("TopControls").GetArrayLength(), await CountAsync(report.Page, "svg[data-chart='chart-controls'] g.bar"));
            Assert.Equal(standards, await CountAsync(report.Page, "svg[data-chart='chart-compliance'] g.bar"));
            Assert.True(standards > 0 && scored > 0);
            // Every chart has a visible size (rendered, not just present).
            foreach (ILocator chart in await report.Page.Locator("svg.chart").AllAsync())
            {
                LocatorBoundingBoxResult? box = await chart.BoundingBoxAsync();
                Assert.True(box is { Width: > 100, Height: > 10 }, "a chart was not laid out");
            }
            // Worst score first.
            var values = (await report.Page.Locator("svg[data-chart='chart-scores'] g.bar").EvaluateAllAsync<double[]>("els => els.map(e => +e.dataset.value)")).ToList();
            Assert.Equal(values.OrderBy(v => v), values);
            // Every section, and one per customer.
            foreach (string id in new[] { "summary", "scores", "plans", "unhealthy", "controls", "alerts", "compliance", "failures", "customers" })
                Assert.Equal(1, await CountAsync(report.Page, $"section#{id}"));
            Assert.Equal(tenants.Count, await CountAsync(report.Page, "section.customer"));
            Assert.Equal(snapshot.GetProperty("Failures").GetArrayLength(), await CountAsync(report.Page, "#table-failures tbody tr"));
            Assert.True(await report.Page.Locator("#table-failures").InnerTextAsync() is var text && text.Contains("SecureScore.NotRegistered") && text.Contains("Microsoft.Security"));
            await ScreenshotAsync(report.Page, "sample");
        }

        [Fact]
        public async Task Tables_sort_on_a_heading_click_and_filter_as_you_type()
        {
            await using OpenedReport report = await OpenAsync(_reports.SampleReport);
            ILocator rows = report.Page.Locator("#table-scores tbody tr");
            Task<double[]> Scores() => rows.EvaluateAllAsync<double[]>("rs => rs.map(r => +r.cells[1].dataset.sort)");

            ILocator heading = report.Page.Locator("#table-scores thead th", new PageLocatorOptions { HasTextString = "Score" }).First;
            await heading.ClickAsync();
            double[] ascending = await Scores();
            Assert.Equal(ascending.OrderBy(x => x), ascending);
            Assert.Equal("ascending", await heading.GetAttributeAsync("aria-sort"));
            await heading.ClickAsync();
            double[] descending = await Scores();
            Assert.Equal(descending.OrderByDescending(x => x), descending);
            Assert.NotEqual(ascending, descending);

            ILocator names = report.Page.Locator("#table-scores thead th", new PageLocatorOptions { HasTextString = "Customer" }).First;
            await names.ClickAsync();
            string[] customers = await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.cells[0].textContent)");
            Assert.Equal(customers.OrderBy(c => c, StringComparer.OrdinalIgnoreCase), customers);

            ILocator filter = report.Page.Locator("input.filter[data-table='table-scores']");
            await filter.FillAsync("northwind");
            Assert.Equal(1, await report.Page.Locator("#table-scores tbody tr:not([hidden])").CountAsync());
            Assert.Contains("Northwind Traders", await report.Page.Locator("#table-scores tbody tr:not([hidden])").InnerTextAsync());
            await filter.FillAsync("");
            Assert.Equal(3, await report.Page.Locator("#table-scores tbody tr:not([hidden])").CountAsync());

            ILocator failures = report.Page.Locator("input.filter[data-table='table-failures']");
            await failures.FillAsync("NotRegistered");
            int visible = await report.Page.Locator("#table-failures tbody tr:not([hidden])").CountAsync();
            Assert.InRange(visible, 1, await report.Page.Locator("#table-failures tbody tr").CountAsync() - 1);
            AssertSelfContained(report);
        }

        [Fact]
        public async Task The_customer_report_holds_only_that_customer()
        {
            await using OpenedReport report = await OpenAsync(_reports.NorthwindReport);
            AssertSelfContained(report);
            Assert.Equal(1, await CountAsync(report.Page, "section.customer"));
            Assert.Equal(ReportFixture.Northwind.ToString(), await report.Page.Locator("section.customer").GetAttributeAsync("data-tenant-id"));
            Assert.Equal(1, await CountAsync(report.Page, "svg[data-chart='chart-scores'] g.bar"));
            Assert.Equal(1, await CountAsync(report.Page, "svg[data-chart='chart-unhealthy'] g.bar"));

            string text = await report.Page.InnerTextAsync("body");
            string html = await report.Page.ContentAsync();
            Assert.Contains("Northwind Traders", text);
            JsonElement all = Json(_reports.SampleJson);
            foreach (JsonElement s in all.GetProperty("Subscriptions").EnumerateArray().Where(s => s.GetProperty("TenantId").GetGuid() != ReportFixture.Northwind))
            {
                Assert.DoesNotContain(s.GetProperty("SubscriptionId").GetString()!, html, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(s.GetProperty("SubscriptionName").GetString()!, html, StringComparison.OrdinalIgnoreCase);
            }
            foreach (JsonElement t in all.GetProperty("Tenants").EnumerateArray().Where(t => t.GetProperty("TenantId").GetGuid() != ReportFixture.Northwind))
            {
                Assert.DoesNotContain(t.GetProperty("TenantId").GetString()!, html, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(t.GetProperty("TenantName").GetString()!, html, StringComparison.OrdinalIgnoreCase);
            }
            await ScreenshotAsync(report.Page, "sample-northwind");
        }

        [Fact]
        public async Task Hostile_names_are_shown_as_text_and_never_run()
        {
            await using OpenedReport report = await OpenAsync(_reports.HostileReport);
            AssertSelfContained(report); // no dialog, no error, and the <img src=x> was never requested
            Assert.Null(await report.Page.EvaluateAsync<int?>("() => window.__ctPwned ?? null"));
            Assert.Equal(1, await CountAsync(report.Page, "script"));
            Assert.Equal(0, await CountAsync(report.Page, "img"));
            Assert.Contains("Tailspin " + ReportFixture.Hostile, await report.Page.InnerTextAsync("#table-scores"));
            // textContent: customer sections off screen are not rendered yet (content-visibility), but their text is there.
            Assert.Contains("Retail " + ReportFixture.Hostile, await report.Page.TextContentAsync("section.customer[data-tenant-id='" + ReportFixture.Tailspin + "']"));
            Assert.Equal(0, await CountAsync(report.Page, "section.customer script, section.customer img, td script, td img"));
        }

        [Fact]
        public async Task The_1000_subscription_report_is_under_5_MB_renders_every_section_and_reports_its_render_time()
        {
            long bytes = new FileInfo(_reports.LargeReport).Length;
            JsonElement snapshot = Json(_reports.LargeJson);
            Assert.Equal(1000, snapshot.GetProperty("Subscriptions").GetArrayLength());
            Assert.Equal(50, snapshot.GetProperty("Tenants").GetArrayLength());

            // Opened three times; the fastest open counts, so one stall of this shared 2-core machine does not decide it. The renderer's
            // main-thread busy time (CDP Performance.TaskDuration) is reported too: the page's own cost, whatever else the machine runs.
            var opens = new List<(double PaintedMs, TimeSpan Rendered, double LoadEventMs, double MainThreadMs)>();
            for (int i = 0; i < 3; i++)
            {
                await using OpenedReport attempt = await OpenAsync(_reports.LargeReport);
                double load = await attempt.Page.EvaluateAsync<double>("() => { const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime; }");
                JsonElement? metrics = await attempt.Cdp.SendAsync("Performance.getMetrics");
                double task = metrics?.GetProperty("metrics").EnumerateArray().Where(m => m.GetProperty("name").GetString() == "TaskDuration").Select(m => m.GetProperty("value").GetDouble()).FirstOrDefault() ?? double.NaN;
                opens.Add((attempt.PaintedMs, attempt.Rendered, load, task * 1000));
                AssertSelfContained(attempt);
            }
            var best = opens.OrderBy(o => o.PaintedMs).First();
            string figures = $"1,000-subscription report: {bytes:N0} bytes ({bytes / 1048576.0:F2} MB); navigation to first frame painted after its script, best of 3: {best.PaintedMs:F0} ms " +
                             $"(all: {string.Join(", ", opens.Select(o => o.PaintedMs.ToString("F0")))} ms; load event {best.LoadEventMs:F0} ms; renderer main-thread busy {best.MainThreadMs:F0} ms; " +
                             $"seen from the test through the Playwright driver: {best.Rendered.TotalMilliseconds:F0} ms) in headless Chromium; the snapshot of the estate took {_reports.LargeSnapshotTook.TotalSeconds:F1} s";
            _output.WriteLine(figures);
            File.WriteAllText(Path.Combine(_reports.Artifacts, "estate-1000.timing.txt"), figures + Environment.NewLine);

            await using OpenedReport report = await OpenAsync(_reports.LargeReport);
            AssertSelfContained(report);
            Assert.True(bytes < 5 * 1024 * 1024, figures);
            Assert.Equal(50, await CountAsync(report.Page, "section.customer"));
            Assert.Equal(1000, await CountAsync(report.Page, "section.customer table.subs tbody tr"));
            int scored = snapshot.GetProperty("Tenants").EnumerateArray().Count(t => t.GetProperty("Percentage").ValueKind == JsonValueKind.Number);
            Assert.Equal(scored, await CountAsync(report.Page, "svg[data-chart='chart-scores'] g.bar"));
            Assert.Equal(50, await CountAsync(report.Page, "svg[data-chart='chart-unhealthy'] g.bar"));
            Assert.Equal(4, await CountAsync(report.Page, "svg[data-chart='chart-alerts'] g.bar"));

            // Sorting still works on the large page.
            string firstTable = await report.Page.Locator("section.customer table.subs").First.GetAttributeAsync("id") ?? string.Empty;
            await report.Page.Locator($"[id='{firstTable}'] thead th").Nth(1).ClickAsync();
            await ScreenshotAsync(report.Page, "estate-1000", fullPage: false);
            // The render time (target: under 3 s) is measured and reported above and in the artifacts, never asserted:
            // a test must not fail because the machine is busy.
        }
    }
}
