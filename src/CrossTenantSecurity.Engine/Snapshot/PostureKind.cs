namespace CrossTenantSecurity.Engine.Snapshot
{
    /// <summary>The posture kinds a snapshot reads for each subscription; the names are the nouns of their ErrorIds.</summary>
    internal static class PostureKind
    {
        public const string SecureScore = "SecureScore";
        public const string SecureScoreControl = "SecureScoreControl";
        public const string Recommendation = "Recommendation";
        public const string Alert = "Alert";
        public const string DefenderPlan = "DefenderPlan";
        public const string RegulatoryCompliance = "RegulatoryCompliance";
        public const string Delegation = "Delegation";

        public static readonly string[] All = { SecureScore, SecureScoreControl, Recommendation, Alert, DefenderPlan, RegulatoryCompliance, Delegation };

        /// <summary>The kinds read page after page (the subscription's longest chains), read in one lane.</summary>
        public static readonly string[] PagedLane = { Recommendation, Alert };

        /// <summary>The short reads, in the other lane beside them; the score first, as it fails first on a subscription without Defender.</summary>
        public static readonly string[] ShortLane = { SecureScore, SecureScoreControl, DefenderPlan, RegulatoryCompliance, Delegation };

        /// <summary>The kinds served by Microsoft.Security (a subscription without the provider fails them all alike).</summary>
        public static bool IsSecurity(string kind) => kind != Delegation;
    }
}
