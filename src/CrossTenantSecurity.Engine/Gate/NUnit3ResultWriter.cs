using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;

namespace CrossTenantSecurity.Engine.Gate
{
    /// <summary>
    /// NUnit 3 test-result XML (test-run, one test-suite per customer, one test-case per check and scope). A value that
    /// could not be read is result Failed with label Error, as NUnit marks errors.
    /// </summary>
    public static class NUnit3ResultWriter
    {
        public static XDocument Write(IReadOnlyList<PostureCheckResult> results, DateTimeOffset timestamp)
        {
            string start = timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var run = new XElement("test-run",
                new XAttribute("id", "0"), new XAttribute("name", "CrossTenantSecurity posture gate"), new XAttribute("fullname", "CrossTenantSecurity posture gate"),
                new XAttribute("testcasecount", results.Count), new XAttribute("result", Overall(results)));
            AddCounts(run, results);
            run.Add(new XAttribute("random-seed", 0), new XAttribute("start-time", start), new XAttribute("end-time", start), new XAttribute("duration", "0"));
            run.Add(new XElement("filter"));
            int suiteId = 0;
            foreach (IGrouping<Guid, PostureCheckResult> tenant in results.GroupBy(r => r.TenantId).OrderBy(g => g.First().TenantName ?? g.Key.ToString(), StringComparer.OrdinalIgnoreCase))
            {
                suiteId++;
                string name = tenant.First().TenantName ?? tenant.Key.ToString();
                var suite = new XElement("test-suite",
                    new XAttribute("type", "TestSuite"), new XAttribute("id", $"{suiteId}"), new XAttribute("name", name), new XAttribute("fullname", tenant.Key.ToString()),
                    new XAttribute("runstate", "Runnable"), new XAttribute("testcasecount", tenant.Count()), new XAttribute("result", Overall(tenant.ToList())));
                AddCounts(suite, tenant.ToList());
                suite.Add(new XAttribute("start-time", start), new XAttribute("end-time", start), new XAttribute("duration", "0"));
                suite.Add(new XElement("properties", new XElement("property", new XAttribute("name", "TenantId"), new XAttribute("value", tenant.Key.ToString()))));
                int caseId = 0;
                foreach (PostureCheckResult r in tenant)
                {
                    caseId++;
                    var testcase = new XElement("test-case",
                        new XAttribute("id", $"{suiteId}-{caseId}"), new XAttribute("name", $"{r.Check}: {r.Target}"),
                        new XAttribute("fullname", $"{tenant.Key}.{r.SubscriptionId ?? "customer"}.{r.Check}"),
                        new XAttribute("methodname", r.Check), new XAttribute("classname", r.SubscriptionId is null ? tenant.Key.ToString() : $"{tenant.Key}.{r.SubscriptionId}"),
                        new XAttribute("runstate", "Runnable"), new XAttribute("seed", "0"),
                        new XAttribute("result", r.Outcome switch { PostureCheckOutcome.Passed => "Passed", PostureCheckOutcome.Skipped => "Skipped", _ => "Failed" }));
                    if (r.Outcome == PostureCheckOutcome.Error) testcase.Add(new XAttribute("label", "Error"), new XAttribute("site", "Test"));
                    testcase.Add(new XAttribute("start-time", start), new XAttribute("end-time", start), new XAttribute("duration", "0"), new XAttribute("asserts", "0"));
                    testcase.Add(new XElement("properties",
                        new XElement("property", new XAttribute("name", "Measured"), new XAttribute("value", r.Measured ?? "n/a")),
                        new XElement("property", new XAttribute("name", "Threshold"), new XAttribute("value", r.Threshold))));
                    if (r.Outcome == PostureCheckOutcome.Failed || r.Outcome == PostureCheckOutcome.Error)
                        testcase.Add(new XElement("failure", new XElement("message", r.Message)));
                    else if (r.Outcome == PostureCheckOutcome.Skipped)
                        testcase.Add(new XElement("reason", new XElement("message", r.Message)));
                    suite.Add(testcase);
                }
                run.Add(suite);
            }
            return new XDocument(new XDeclaration("1.0", "utf-8", "no"), run);
        }

        private static string Overall(IReadOnlyList<PostureCheckResult> results) =>
            results.Any(r => r.Outcome == PostureCheckOutcome.Failed || r.Outcome == PostureCheckOutcome.Error) ? "Failed"
            : results.Count > 0 && results.All(r => r.Outcome == PostureCheckOutcome.Skipped) ? "Skipped" : "Passed";

        private static void AddCounts(XElement element, IReadOnlyList<PostureCheckResult> results)
        {
            element.Add(new XAttribute("total", results.Count),
                new XAttribute("passed", results.Count(r => r.Outcome == PostureCheckOutcome.Passed)),
                new XAttribute("failed", results.Count(r => r.Outcome == PostureCheckOutcome.Failed || r.Outcome == PostureCheckOutcome.Error)),
                new XAttribute("warnings", 0), new XAttribute("inconclusive", 0),
                new XAttribute("skipped", results.Count(r => r.Outcome == PostureCheckOutcome.Skipped)),
                new XAttribute("asserts", 0));
        }
    }
}
