using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands
{
    /// <summary>Secure score controls per subscription; -Top N ranks the controls worth most score across all customers.</summary>
    [Cmdlet(VerbsCommon.Get, "CtSecureScoreControl")]
    [OutputType(typeof(SecureScoreControl), typeof(SecureScoreControlSummary))]
    public sealed class GetCtSecureScoreControlCommand : CtPostureCmdlet<SecureScoreControl>
    {
        [Parameter]
        [ValidateRange(1, 1000)]
        public int Top { get; set; }

        internal override string ErrorNoun => "SecureScoreControl";
        internal override string ProgressActivity => "Reading secure score controls";

        internal override void Run(CrossTenantClient client, PostureQuery query)
        {
            if (Top == 0)
            {
                base.Run(client, query);
                return;
            }
            RunStreaming<SecureScoreControlSummary>(async (sink, token) =>
            {
                var controls = new ControlCollector(sink);
                await client.GetSecureScoreControlsAsync(query, controls, token).ConfigureAwait(false);
                foreach (SecureScoreControlSummary summary in Rank(controls.Items, Top)) sink.OnResult(summary);
            });
        }

        internal override Task ReadAsync(CrossTenantClient client, PostureQuery query, IScopeSink<SecureScoreControl> sink, CancellationToken cancellationToken) =>
            client.GetSecureScoreControlsAsync(query, sink, cancellationToken);

        internal static IEnumerable<SecureScoreControlSummary> Rank(IEnumerable<SecureScoreControl> controls, int top) =>
            controls.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
                .Select(g => (Name: g.Key, DisplayName: g.First().DisplayName, Gain: Math.Round(g.Sum(c => c.PotentialIncrease), 2),
                    Unhealthy: g.Sum(c => c.UnhealthyResourceCount), Subscriptions: g.Count(c => c.PotentialIncrease > 0),
                    Tenants: g.Where(c => c.PotentialIncrease > 0).Select(c => c.TenantId).Distinct().Count()))
                .Where(x => x.Gain > 0)
                .OrderByDescending(x => x.Gain).ThenBy(x => x.DisplayName, StringComparer.OrdinalIgnoreCase)
                .Take(top)
                .Select((x, i) => new SecureScoreControlSummary(i + 1, x.Name, x.DisplayName, x.Gain, x.Unhealthy, x.Subscriptions, x.Tenants));

        /// <summary>Keeps the controls for ranking; everything else goes to the pipeline.</summary>
        private sealed class ControlCollector : IScopeSink<SecureScoreControl>
        {
            private readonly IScopeSink<SecureScoreControlSummary> _outer;
            public ControlCollector(IScopeSink<SecureScoreControlSummary> outer) => _outer = outer;
            public List<SecureScoreControl> Items { get; } = new List<SecureScoreControl>();
            public void OnResult(SecureScoreControl item) { lock (Items) Items.Add(item); }
            public void OnFailure(ScopeFailure failure) => _outer.OnFailure(failure);
            public void OnVerbose(string message) => _outer.OnVerbose(message);
            public void OnWarning(string message) => _outer.OnWarning(message);
            public void OnProgress(int done, int total) => _outer.OnProgress(done, total);
        }
    }
}
