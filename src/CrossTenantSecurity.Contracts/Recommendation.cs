using System;
using System.Collections.Generic;

namespace CrossTenantSecurity
{
    /// <summary>An assessment (recommendation result on one resource) joined with its metadata.</summary>
    public sealed class Recommendation : SubscriptionScoped
    {
        public Recommendation(SubscriptionRef subscription, string assessmentKey, string? displayName, string? severity, string? status, string? statusCause,
            string? statusDescription, string? resourceId, IReadOnlyList<string> categories, string? remediationDescription, string? portalUri, string id)
            : base(subscription)
        {
            AssessmentKey = assessmentKey;
            DisplayName = displayName;
            Severity = SeverityText.Parse(severity);
            Status = status;
            StatusCause = statusCause;
            StatusDescription = statusDescription;
            ResourceId = resourceId;
            Categories = ItemList.From(categories);
            RemediationDescription = remediationDescription;
            PortalUri = portalUri;
            Id = id;
        }

        /// <summary>The recommendation's key (the assessment name; equals the metadata name).</summary>
        public string AssessmentKey { get; }
        public string? DisplayName { get; }
        /// <summary>Low, Medium, High (from the metadata; a value unknown today is Unknown). Sorts by meaning.</summary>
        public Severity Severity { get; }
        /// <summary>Healthy, Unhealthy, NotApplicable (or a value unknown today).</summary>
        public string? Status { get; }
        public string? StatusCause { get; }
        public string? StatusDescription { get; }
        /// <summary>The assessed resource (for on-premises resources, the machine's identifier).</summary>
        public string? ResourceId { get; }
        public ItemList<string> Categories { get; }
        public string? RemediationDescription { get; }
        public string? PortalUri { get; }
        public string Id { get; }

        public override string ToString() => $"{Severity} {Status}: {DisplayName}";
    }
}
