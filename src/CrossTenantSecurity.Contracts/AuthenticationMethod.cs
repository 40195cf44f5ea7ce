namespace CrossTenantSecurity
{
    /// <summary>How Connect-CtAccount obtained the credential for the managing tenant.</summary>
    public enum AuthenticationMethod : long
    {
        InteractiveBrowser = 0,
        DeviceCode,
        ClientSecret,
        ClientCertificate,
        ManagedIdentity,
        FederatedToken,
        AccessToken,
        AzureCli,
    }
}
