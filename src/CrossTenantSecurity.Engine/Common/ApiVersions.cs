using CrossTenantSecurity.Engine.Tenancy;
namespace CrossTenantSecurity.Engine.Common
{
    /// <summary>The api-version of every REST operation we call, one table for the whole engine (azure-api-reference.md).</summary>
    internal static class ApiVersions
    {
        /// <summary>Subscriptions and Tenants. Versions before 2019-06-01 lack managedByTenants and tenantId.</summary>
        public const string Resources = "2022-12-01";
        public const string ResourceGraph = "2024-04-01";
        public const string ResourceGroups = "2021-04-01";
        public const string Permissions = "2022-04-01";
        public const string ManagedServices = "2022-10-01";
        public const string SecureScores = "2020-01-01";
        public const string Assessments = "2021-06-01";
        public const string AssessmentMetadata = "2021-06-01";
        public const string Alerts = "2022-01-01";
        public const string Pricings = "2024-01-01";
        public const string RegulatoryCompliance = "2019-01-01-preview";
    }
}
