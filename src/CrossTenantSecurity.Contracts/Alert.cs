using System;

namespace CrossTenantSecurity
{
    /// <summary>A Defender for Cloud security alert (2022-01-01).</summary>
    public sealed class Alert : SubscriptionScoped
    {
        public Alert(SubscriptionRef subscription, string name, string? displayName, string? severity, string? status, DateTimeOffset? startTimeUtc,
            string? compromisedEntity, string? alertType, string? location, string? resourceGroup, string? portalUri, string? description, string? intent, string id)
            : base(subscription)
        {
            Name = name;
            DisplayName = displayName;
            Severity = SeverityText.Parse(severity);
            Status = status;
            StartTimeUtc = startTimeUtc;
            CompromisedEntity = compromisedEntity;
            AlertType = alertType;
            Location = location;
            ResourceGroup = resourceGroup;
            PortalUri = portalUri;
            Description = description;
            Intent = intent;
            Id = id;
        }

        public string Name { get; }
        public string? DisplayName { get; }
        /// <summary>Informational, Low, Medium, High (Unknown when the service sends something else). Sorts by meaning.</summary>
        public Severity Severity { get; }
        /// <summary>Active, InProgress, Resolved, Dismissed.</summary>
        public string? Status { get; }
        public DateTimeOffset? StartTimeUtc { get; }
        public string? CompromisedEntity { get; }
        public string? AlertType { get; }
        /// <summary>The Defender for Cloud region (ascLocation), taken from the alert id; state changes need it.</summary>
        public string? Location { get; }
        public string? ResourceGroup { get; }
        public string? PortalUri { get; }
        public string? Description { get; }
        public string? Intent { get; }
        /// <summary>The ARM id; its last segment is the name state changes use.</summary>
        public string Id { get; }

        public override string ToString() => $"{Severity} {Status}: {DisplayName}";
    }
}
