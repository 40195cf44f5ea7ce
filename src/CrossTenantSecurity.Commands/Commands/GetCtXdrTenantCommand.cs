using System;
using System.Collections.Generic;
using System.Management.Automation;
using CrossTenantSecurity.Commands.Completion;
using CrossTenantSecurity.Commands.Infrastructure;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands
{
    /// <summary>
    /// Customer tenants as Defender XDR reaches them: a Microsoft Graph token per tenant from the one sign-in, with the
    /// application permissions each tenant granted. A tenant that has not consented is one error with the consent link.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CtXdrTenant", HelpUri = HelpUris.Prefix + "Get-CtXdrTenant.md")]
    [OutputType(typeof(XdrTenant))]
    public sealed class GetCtXdrTenantCommand : CtCmdlet
    {
        private readonly List<Guid> _tenantIds = new List<Guid>();
        private bool _tenantIdGiven;

        /// <summary>These tenants, related through Lighthouse or not; without it, every Lighthouse customer tenant.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TenantIdCompleter))]
        public string[]? TenantId { get; set; }

        /// <summary>Also the signed-in tenant itself.</summary>
        [Parameter]
        public SwitchParameter IncludeHome { get; set; }

        [Parameter]
        [ValidateRange(1, 256)]
        public int ThrottleLimit { get; set; } = 16;

        internal override string ErrorNoun => "XdrTenant";

        protected override void ProcessRecord()
        {
            _tenantIdGiven |= TenantId is { Length: > 0 };
            IdArguments.Collect(this, TenantId, nameof(TenantId), _tenantIds);
        }

        protected override void EndProcessing()
        {
            if (_tenantIdGiven && _tenantIds.Count == 0) return; // every id given was invalid, and said so
            CrossTenantClient client = RequireClient();
            var query = new XdrTenantQuery { TenantIds = _tenantIds, IncludeHome = IncludeHome.IsPresent, MaxConcurrency = ThrottleLimit };
            RunStreaming<XdrTenant>((sink, token) => client.GetXdrTenantsAsync(query, sink, token));
        }
    }
}
