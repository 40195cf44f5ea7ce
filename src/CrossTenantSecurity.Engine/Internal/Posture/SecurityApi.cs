namespace CrossTenantSecurity.Engine.Internal.Posture
{
    /// <summary>Api-versions of the Microsoft.Security and ManagedServices operations (azure-api-reference.md).</summary>
    internal static class SecurityApi
    {
        public const string SecureScores = "2020-01-01";
        public const string Assessments = "2021-06-01";
        public const string Alerts = "2022-01-01";
        public const string Pricings = "2024-01-01";
        public const string RegulatoryCompliance = "2019-01-01-preview";
        public const string ManagedServices = "2022-10-01";
        public const string ResourceGroups = "2021-04-01";
        public const string Permissions = "2022-04-01";
    }
}
