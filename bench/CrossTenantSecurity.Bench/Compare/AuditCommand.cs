using System;
using System.Collections.Generic;

namespace CrossTenantSecurity.Bench.Compare
{
    /// <summary>The six reads of the module's core audit, each with the module's cmdlet and the per-subscription REST call.</summary>
    internal sealed record AuditCommand(int Index, string Cmdlet, string PathTemplate)
    {
        /// <summary>Api-versions as in src/CrossTenantSecurity.Engine/Internal/Posture/ApiVersions.cs.</summary>
        public static readonly IReadOnlyList<AuditCommand> All = new[]
        {
            new AuditCommand(0, "Get-CtSecureScore", "subscriptions/{0}/providers/Microsoft.Security/secureScores/ascScore?api-version=2020-01-01"),
            new AuditCommand(1, "Get-CtSecureScoreControl", "subscriptions/{0}/providers/Microsoft.Security/secureScores/ascScore/secureScoreControls?api-version=2020-01-01"),
            new AuditCommand(2, "Get-CtRecommendation", "subscriptions/{0}/providers/Microsoft.Security/assessments?api-version=2021-06-01&$expand=metadata"),
            new AuditCommand(3, "Get-CtAlert", "subscriptions/{0}/providers/Microsoft.Security/alerts?api-version=2022-01-01"),
            new AuditCommand(4, "Get-CtDefenderPlan", "subscriptions/{0}/providers/Microsoft.Security/pricings?api-version=2024-01-01"),
            new AuditCommand(5, "Get-CtRegulatoryCompliance", "subscriptions/{0}/providers/Microsoft.Security/regulatoryComplianceStandards?api-version=2019-01-01-preview"),
        };

        public string PathFor(string subscriptionId) => string.Format(System.Globalization.CultureInfo.InvariantCulture, PathTemplate, subscriptionId);

        /// <summary>Whether the answer is a list (followed across nextLink pages) rather than one document.</summary>
        public bool IsList => Index != 0;

        public static int AllMask => (1 << All.Count) - 1;

        public int Bit => 1 << Index;

        public static AuditCommand ByCmdlet(string cmdlet)
        {
            foreach (AuditCommand command in All)
            {
                if (string.Equals(command.Cmdlet, cmdlet, StringComparison.OrdinalIgnoreCase)) return command;
            }
            throw new ArgumentException($"Not an audit cmdlet: {cmdlet}", nameof(cmdlet));
        }
    }
}
