using System;
using System.Collections.Generic;

namespace CrossTenantSecurity
{
    /// <summary>A Defender plan (pricing) of a subscription.</summary>
    public sealed class DefenderPlan : SubscriptionScoped
    {
        public DefenderPlan(SubscriptionRef subscription, string plan, string? tier, string? subPlan, string? coverageStatus, bool deprecated,
            IReadOnlyList<string> replacedBy, TimeSpan? freeTrialRemaining, DateTimeOffset? enablementTime, bool? enforce, IReadOnlyList<PlanExtension> extensions, string id)
            : base(subscription)
        {
            Plan = plan;
            Tier = tier;
            SubPlan = subPlan;
            CoverageStatus = coverageStatus;
            Deprecated = deprecated;
            ReplacedBy = ItemList.From(replacedBy);
            FreeTrialRemaining = freeTrialRemaining;
            EnablementTime = enablementTime;
            Enforce = enforce;
            Extensions = ItemList.From(extensions);
            Id = id;
        }

        /// <summary>VirtualMachines, StorageAccounts, CloudPosture, ...</summary>
        public string Plan { get; }
        /// <summary>Free or Standard.</summary>
        public string? Tier { get; }
        /// <summary>True when the tier is Standard (the plan is on).</summary>
        public bool Enabled => string.Equals(Tier, "Standard", StringComparison.OrdinalIgnoreCase);
        public string? SubPlan { get; }
        /// <summary>FullyCovered, PartiallyCovered, NotCovered (resourcesCoverageStatus): Standard alone does not mean every resource is covered.</summary>
        public string? CoverageStatus { get; }
        public bool Deprecated { get; }
        public ItemList<string> ReplacedBy { get; }
        public TimeSpan? FreeTrialRemaining { get; }
        public DateTimeOffset? EnablementTime { get; }
        public bool? Enforce { get; }
        public ItemList<PlanExtension> Extensions { get; }
        public string Id { get; }

        public override string ToString() => $"{Plan}: {Tier}{(SubPlan is null ? string.Empty : " " + SubPlan)}";
    }
}
