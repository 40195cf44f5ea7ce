using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Commands.Completion;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    /// <summary>
    /// Base of every cmdlet that fans out over subscriptions: -SubscriptionId and -TenantId bind from the
    /// pipeline by property name (so Get-CtDelegatedSubscription and Get-CtTenant pipe in), -IncludeHome
    /// widens the default scope, and -ThrottleLimit bounds the subscriptions read at once.
    /// </summary>
    public abstract class CtScopedCmdlet<T> : CtCmdlet
    {
        private readonly ScopeSelection _scope = new ScopeSelection();

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SubscriptionIdCompleter))]
        public string[]? SubscriptionId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TenantIdCompleter))]
        public string[]? TenantId { get; set; }

        /// <summary>Also cover the managing tenant's own subscriptions.</summary>
        [Parameter]
        public SwitchParameter IncludeHome { get; set; }

        [Parameter]
        [ValidateRange(1, 256)]
        public int ThrottleLimit { get; set; } = 64;

        protected override void ProcessRecord() => _scope.Collect(this, SubscriptionId, TenantId);

        protected override void EndProcessing()
        {
            if (_scope.OnlyInvalidIds) return;
            CrossTenantClient client = RequireClient();
            var query = new PostureQuery { MaxConcurrency = ThrottleLimit, Scope = _scope.ToQuery(IncludeHome) };
            Configure(query);
            Run(client, query);
        }

        /// <summary>Lets a derived command add its own settings to the query.</summary>
        internal virtual void Configure(PostureQuery query)
        {
        }

        /// <summary>Streams the command's results; override to change what is run (e.g. an aggregate).</summary>
        internal virtual void Run(CrossTenantClient client, PostureQuery query) =>
            RunStreaming<T>((sink, token) => ReadAsync(client, query, sink, token));

        internal abstract Task ReadAsync(CrossTenantClient client, PostureQuery query, IScopeSink<T> sink, CancellationToken cancellationToken);
    }
}
