using System;
using System.Collections.Generic;
using System.Management.Automation;
using CrossTenantSecurity.Commands.Completion;
using CrossTenantSecurity.Commands.Infrastructure;

namespace CrossTenantSecurity.Commands
{
    /// <summary>The managing tenant and every tenant related to it, with subscription counts.</summary>
    [Cmdlet(VerbsCommon.Get, "CtTenant", HelpUri = HelpUris.Prefix + "Get-CtTenant.md")]
    [OutputType(typeof(Tenant))]
    public sealed class GetCtTenantCommand : CtCmdlet
    {
        private readonly List<Guid> _tenantIds = new List<Guid>();
        private bool _tenantIdGiven;

        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TenantIdCompleter))]
        public string[]? TenantId { get; set; }

        internal override string ErrorNoun => "Tenant";

        protected override void ProcessRecord()
        {
            _tenantIdGiven |= TenantId is { Length: > 0 };
            IdArguments.Collect(this, TenantId, nameof(TenantId), _tenantIds);
        }

        protected override void EndProcessing()
        {
            if (_tenantIdGiven && _tenantIds.Count == 0) return; // every id given was invalid, and said so
            var client = RequireClient();
            var wanted = new HashSet<Guid>(_tenantIds);
            var found = new HashSet<Guid>();
            RunStreaming<Tenant>(async (sink, token) =>
            {
                var filter = new FilteringSink<Tenant>(sink, t => wanted.Count == 0 || wanted.Contains(t.TenantId), t => { lock (found) found.Add(t.TenantId); });
                await client.ListTenantsAsync(filter, token).ConfigureAwait(false);
                foreach (Guid missing in wanted)
                {
                    if (!found.Contains(missing))
                    {
                        sink.OnFailure(new ScopeFailure(missing.ToString(), ScopeFailureKind.NotFound, 404, "TenantNotFound",
                            $"Tenant {missing} is not related to the signed-in tenant {client.Context.TenantId}.",
                            "Run Get-CtTenant without -TenantId to list the tenants you can reach.", null, missing));
                    }
                }
            });
        }
    }
}
