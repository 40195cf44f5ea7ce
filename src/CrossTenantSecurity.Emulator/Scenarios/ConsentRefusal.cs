namespace CrossTenantSecurity.Emulator.Scenarios
{
    /// <summary>The ways Entra refuses a multi-tenant app's client-credentials request in a customer tenant.</summary>
    public enum ConsentRefusal
    {
        /// <summary>Tokens are issued for the consented resources.</summary>
        None,
        /// <summary>Never installed or consented: AADSTS700016 (also what a tenant without a consent entry answers).</summary>
        NotInstalled,
        /// <summary>The service principal exists but no resource is consented: AADSTS65001 for every resource.</summary>
        ConsentRequired,
        /// <summary>The multi-tenant app has no service principal in the tenant: AADSTS7000229.</summary>
        MissingServicePrincipal,
        /// <summary>A Conditional Access policy blocks the app: AADSTS53003.</summary>
        ConditionalAccess,
        /// <summary>The service principal is disabled in the tenant: AADSTS7000112.</summary>
        AppDisabled,
    }
}
