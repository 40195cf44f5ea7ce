using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    /// <summary>
    /// Base of every cmdlet that fans out over subscriptions: -SubscriptionId and -TenantId bind from the
    /// pipeline by property name (so Get-CtDelegatedSubscription and Get-CtTenant pipe in), -IncludeHome
    /// widens the default scope, and -ThrottleLimit bounds the subscriptions read at once.
    /// </summary>
    public abstract class CtPostureCmdlet<T> : CtCmdlet
    {
        private readonly List<Guid> _subscriptionIds = new List<Guid>();
        private readonly List<Guid> _tenantIds = new List<Guid>();
        private bool _idGiven;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? SubscriptionId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? TenantId { get; set; }

        /// <summary>Also cover the managing tenant's own subscriptions.</summary>
        [Parameter]
        public SwitchParameter IncludeHome { get; set; }

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        protected override void ProcessRecord()
        {
            _idGiven |= SubscriptionId is { Length: > 0 } || TenantId is { Length: > 0 };
            IdArguments.Collect(this, SubscriptionId, nameof(SubscriptionId), _subscriptionIds);
            IdArguments.Collect(this, TenantId, nameof(TenantId), _tenantIds);
        }

        protected override void EndProcessing()
        {
            if (_idGiven && _subscriptionIds.Count == 0 && _tenantIds.Count == 0) return; // every id given was invalid, and said so
            CrossTenantClient client = RequireClient();
            var query = new PostureQuery
            {
                MaxConcurrency = ThrottleLimit,
                Scope = new SubscriptionQuery
                {
                    IncludeHome = IncludeHome,
                    TenantIds = _tenantIds,
                    SubscriptionIds = _subscriptionIds.ConvertAll(id => id.ToString("D")),
                },
            };
            Run(client, query);
        }

        /// <summary>Streams the command's results; override to change what is run (e.g. an aggregate).</summary>
        internal virtual void Run(CrossTenantClient client, PostureQuery query) =>
            RunStreaming<T>((sink, token) => ReadAsync(client, query, sink, token));

        internal abstract Task ReadAsync(CrossTenantClient client, PostureQuery query, IScopeSink<T> sink, CancellationToken cancellationToken);
    }
}
