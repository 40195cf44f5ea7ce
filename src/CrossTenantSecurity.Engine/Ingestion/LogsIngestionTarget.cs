using System;
using System.Text.RegularExpressions;

namespace CrossTenantSecurity.Engine.Ingestion
{
    /// <summary>
    /// Where Logs Ingestion rows go: a data collection endpoint (https), a rule's immutable id (dcr-…) and one of its
    /// streams (Custom-…). Checked here, before any request, because the three are pasted by hand from the portal.
    /// </summary>
    public sealed class LogsIngestionTarget
    {
        private static readonly Regex RuleIdPattern = new("^dcr-[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant);
        private static readonly Regex StreamPattern = new("^(Custom|Microsoft)-[A-Za-z0-9_]{1,200}$", RegexOptions.CultureInvariant);

        public LogsIngestionTarget(Uri endpoint, string ruleId, string streamName)
        {
            if (endpoint is null || !endpoint.IsAbsoluteUri || endpoint.Scheme != Uri.UriSchemeHttps)
                throw Invalid($"The data collection endpoint '{endpoint}' is not an absolute https URL.", "Copy the endpoint's Logs Ingestion URL, e.g. https://my-dce-abcd.westeurope-1.ingest.monitor.azure.com.");
            if (ruleId is null || !RuleIdPattern.IsMatch(ruleId))
                throw Invalid($"'{ruleId}' is not a data collection rule's immutable id.", "Pass the rule's immutableId (dcr- and 32 hex digits), not its ARM resource id.");
            if (streamName is null || !StreamPattern.IsMatch(streamName))
                throw Invalid($"'{streamName}' is not a stream name.", "Pass a stream declared in the rule, e.g. Custom-CtPostureHistory.");
            Endpoint = new Uri(endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
            RuleId = ruleId;
            StreamName = streamName;
        }

        public Uri Endpoint { get; }
        public string RuleId { get; }
        public string StreamName { get; }

        /// <summary>POST target of one batch; the id and the stream were checked above, so nothing needs escaping.</summary>
        public Uri UploadUri(string apiVersion) => new(Endpoint, $"dataCollectionRules/{RuleId}/streams/{StreamName}?api-version={apiVersion}");

        private static CrossTenantException Invalid(string message, string action) =>
            new("Ingestion.InvalidTarget", CrossTenantErrorKind.InvalidArgument, message, action);
    }
}
