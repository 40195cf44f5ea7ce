using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;

namespace CrossTenantSecurity.Engine.Gate
{
    /// <summary>
    /// JUnit XML (the JUnit 4 schema Pester writes, which Azure DevOps PublishTestResults@2 and the GitHub test-report
    /// actions read): one testsuite per customer, one testcase per check and scope; failure for a breached threshold,
    /// error for a value that could not be read, skipped for nothing to measure or an exemption.
    /// </summary>
    public static class JUnitResultWriter
    {
        public static XDocument Write(IReadOnlyList<PostureCheckResult> results, DateTimeOffset timestamp, string hostName)
        {
            var suites = new XElement("testsuites",
                new XAttribute("name", "CrossTenantSecurity posture gate"),
                new XAttribute("tests", results.Count),
                new XAttribute("failures", results.Count(r => r.Outcome == PostureCheckOutcome.Failed)),
                new XAttribute("errors", results.Count(r => r.Outcome == PostureCheckOutcome.Error)),
                new XAttribute("disabled", results.Count(r => r.Outcome == PostureCheckOutcome.Skipped)),
                new XAttribute("time", "0.000"));
            int id = 0;
            foreach (IGrouping<Guid, PostureCheckResult> tenant in results.GroupBy(r => r.TenantId).OrderBy(g => g.First().TenantName ?? g.Key.ToString(), StringComparer.OrdinalIgnoreCase))
            {
                string name = tenant.First().TenantName ?? tenant.Key.ToString();
                var suite = new XElement("testsuite",
                    new XAttribute("name", name),
                    new XAttribute("tests", tenant.Count()),
                    new XAttribute("failures", tenant.Count(r => r.Outcome == PostureCheckOutcome.Failed)),
                    new XAttribute("errors", tenant.Count(r => r.Outcome == PostureCheckOutcome.Error)),
                    new XAttribute("skipped", tenant.Count(r => r.Outcome == PostureCheckOutcome.Skipped)),
                    new XAttribute("time", "0.000"),
                    new XAttribute("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
                    new XAttribute("hostname", hostName),
                    new XAttribute("id", id++),
                    new XAttribute("package", tenant.Key.ToString()),
                    new XElement("properties", new XElement("property", new XAttribute("name", "TenantId"), new XAttribute("value", tenant.Key.ToString()))));
                foreach (PostureCheckResult r in tenant)
                {
                    var testcase = new XElement("testcase",
                        new XAttribute("name", $"{r.Check}: {r.Target}"),
                        new XAttribute("status", r.Outcome.ToString()),
                        new XAttribute("classname", r.SubscriptionId is null ? $"{tenant.Key}" : $"{tenant.Key}.{r.SubscriptionId}"),
                        new XAttribute("assertions", "0"),
                        new XAttribute("time", "0.000"));
                    string text = $"{r.Message}\nMeasured: {r.Measured ?? "n/a"}\nThreshold: {r.Threshold}\nScope: {r.Scope} {r.SubscriptionId ?? r.TenantId.ToString()}";
                    switch (r.Outcome)
                    {
                        case PostureCheckOutcome.Failed:
                            testcase.Add(new XElement("failure", new XAttribute("message", r.Message), new XAttribute("type", r.Check), text));
                            break;
                        case PostureCheckOutcome.Error:
                            testcase.Add(new XElement("error", new XAttribute("message", r.Message), new XAttribute("type", r.Check), text));
                            break;
                        case PostureCheckOutcome.Skipped:
                            testcase.Add(new XElement("skipped", new XAttribute("message", r.Message)));
                            break;
                    }
                    suite.Add(testcase);
                }
                suites.Add(suite);
            }
            return new XDocument(new XDeclaration("1.0", "utf-8", "no"), suites);
        }
    }
}
