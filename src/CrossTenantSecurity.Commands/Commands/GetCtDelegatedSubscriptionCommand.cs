using System;
using System.Collections.Generic;
using System.Management.Automation;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands
{
    /// <summary>Subscriptions reachable from the managing tenant, with their home and managing tenants.</summary>
    [Cmdlet(VerbsCommon.Get, "CtDelegatedSubscription")]
    [OutputType(typeof(DelegatedSubscription))]
    public sealed class GetCtDelegatedSubscriptionCommand : CtCmdlet
    {
        private readonly List<Guid> _subscriptionIds = new List<Guid>();
        private readonly List<Guid> _tenantIds = new List<Guid>();
        private bool _idGiven;

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? SubscriptionId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? TenantId { get; set; }

        /// <summary>Also list the managing tenant's own subscriptions and any reached directly.</summary>
        [Parameter]
        public SwitchParameter IncludeHome { get; set; }

        internal override string ErrorNoun => "DelegatedSubscription";

        protected override void ProcessRecord()
        {
            _idGiven |= SubscriptionId is { Length: > 0 } || TenantId is { Length: > 0 };
            IdArguments.Collect(this, SubscriptionId, nameof(SubscriptionId), _subscriptionIds);
            IdArguments.Collect(this, TenantId, nameof(TenantId), _tenantIds);
        }

        protected override void EndProcessing()
        {
            if (_idGiven && _subscriptionIds.Count == 0 && _tenantIds.Count == 0) return; // every id given was invalid, and said so
            var client = RequireClient();
            var query = new SubscriptionQuery
            {
                IncludeHome = IncludeHome,
                TenantIds = _tenantIds,
                SubscriptionIds = _subscriptionIds.ConvertAll(id => id.ToString("D")),
            };
            RunStreaming<DelegatedSubscription>((sink, token) => client.ListSubscriptionsAsync(query, sink, token));
        }
    }
}
