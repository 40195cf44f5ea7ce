using System;
using CrossTenantSecurity.Emulator.Scenarios;
using Microsoft.AspNetCore.Http;

namespace CrossTenantSecurity.Emulator.Arm
{
    /// <summary>Who made an authenticated ARM request: the token's tenant and the principal.</summary>
    internal sealed record ArmCaller(Guid TenantId, ScenarioPrincipal Principal)
    {
        private const string ItemKey = "ct.caller";

        public static ArmCaller From(HttpContext context) =>
            context.Items[ItemKey] as ArmCaller ?? throw new InvalidOperationException("The request was not authenticated.");

        public void AttachTo(HttpContext context) => context.Items[ItemKey] = this;
    }
}
