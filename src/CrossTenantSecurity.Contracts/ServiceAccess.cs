namespace CrossTenantSecurity
{
    /// <summary>Whether a customer tenant gives this sign-in tokens for a service.</summary>
    public enum ServiceAccess : long
    {
        /// <summary>A token was issued (the permissions it carries are listed beside it).</summary>
        Granted = 0,
        /// <summary>The tenant has not consented the application for the service (AADSTS65001, 700016, 7000229).</summary>
        ConsentRequired,
        /// <summary>Conditional access, or the application or account is disabled in the tenant.</summary>
        AccessBlocked,
        /// <summary>Refused for another reason (the sign-in method cannot reach the tenant, a wrong secret).</summary>
        Refused,
        /// <summary>The cloud does not offer the service.</summary>
        NotOffered,
    }
}
