using System.Management.Automation;
using CrossTenantSecurity.Commands.Completion;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands
{
    /// <summary>Subscriptions reachable from the managing tenant, with their home and managing tenants.</summary>
    [Cmdlet(VerbsCommon.Get, "CtDelegatedSubscription", HelpUri = HelpUris.Prefix + "Get-CtDelegatedSubscription.md")]
    [OutputType(typeof(DelegatedSubscription))]
    public sealed class GetCtDelegatedSubscriptionCommand : CtCmdlet
    {
        private readonly ScopeSelection _scope = new ScopeSelection();

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SubscriptionIdCompleter))]
        public string[]? SubscriptionId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TenantIdCompleter))]
        public string[]? TenantId { get; set; }

        /// <summary>Also list the managing tenant's own subscriptions and any reached directly.</summary>
        [Parameter]
        public SwitchParameter IncludeHome { get; set; }

        internal override string ErrorNoun => "DelegatedSubscription";

        protected override void ProcessRecord() => _scope.Collect(this, SubscriptionId, TenantId);

        protected override void EndProcessing()
        {
            if (_scope.OnlyInvalidIds) return;
            var client = RequireClient();
            SubscriptionQuery query = _scope.ToQuery(IncludeHome);
            RunStreaming<DelegatedSubscription>((sink, token) => client.ListSubscriptionsAsync(query, sink, token));
        }
    }
}
