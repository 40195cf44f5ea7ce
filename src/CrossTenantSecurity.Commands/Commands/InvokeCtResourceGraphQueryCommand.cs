using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands
{
    /// <summary>A Resource Graph (KQL) query across every subscription in scope; one PSCustomObject per row.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "CtResourceGraphQuery", HelpUri = HelpUris.Prefix + "Invoke-CtResourceGraphQuery.md")]
    [OutputType(ResourceGraphRowSink.TypeName)]
    public sealed class InvokeCtResourceGraphQueryCommand : CtScopedCmdlet<PSObject>
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Query { get; set; } = string.Empty;

        /// <summary>At most this many rows in total (paged, unlike take/limit).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int First { get; set; }

        private int? _first;

        internal override string ErrorNoun => "ResourceGraph";

        /// <summary>Read on the pipeline thread: the engine's worker must not touch cmdlet state.</summary>
        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _first = MyInvocation.BoundParameters.ContainsKey(nameof(First)) ? First : null;
        }
        internal override string ProgressActivity => "Querying Resource Graph";

        internal override Task ReadAsync(CrossTenantClient client, PostureQuery query, IScopeSink<PSObject> sink, CancellationToken cancellationToken) =>
            client.QueryResourceGraphAsync(new ResourceGraphQuery
            {
                Query = Query,
                Scope = query.Scope,
                MaxConcurrency = query.MaxConcurrency,
                First = _first,
            }, new ResourceGraphRowSink(sink), cancellationToken);
    }
}
