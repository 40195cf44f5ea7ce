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
            RunStreaming<Tenant>((sink, token) => client.ListTenantsAsync(_tenantIds, sink, token));
        }
    }
}
