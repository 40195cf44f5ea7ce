namespace CrossTenantSecurity.Commands.Infrastructure
{
    /// <summary>Parameter-set names, shared so cmdlets, tests and help agree.</summary>
    internal static class ParameterSets
    {
        public const string UserInteractive = "UserWithInteractiveBrowser";
        public const string UserDeviceCode = "UserWithDeviceCode";
        public const string ServicePrincipalSecret = "ServicePrincipalWithSecret";
        public const string ServicePrincipalCertificateFile = "ServicePrincipalWithCertificateFile";
        public const string ServicePrincipalCertificateThumbprint = "ServicePrincipalWithCertificateThumbprint";
        public const string ManagedIdentity = "ManagedIdentity";
        public const string FederatedToken = "WorkloadIdentityFederation";
        public const string AccessToken = "AccessToken";
        public const string AzureCli = "AzureCli";
        public const string AlertObject = "InputObject";
        public const string AlertId = "ResourceId";
    }
}
