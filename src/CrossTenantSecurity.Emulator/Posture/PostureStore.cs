using System;
using System.Collections.Concurrent;
using CrossTenantSecurity.Emulator.Scenarios;

namespace CrossTenantSecurity.Emulator.Posture
{
    /// <summary>
    /// Posture per subscription, generated on first use and cached, plus what callers changed since
    /// (alert states, Defender plans): generated data stays read-only, changes live in overlays.
    /// </summary>
    internal sealed class PostureStore
    {
        private readonly EstateIndex _estate;
        private readonly ConcurrentDictionary<Guid, SubscriptionPosture> _postures = new();
        private readonly ConcurrentDictionary<string, string> _alertStates = new(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, PricingRecord> _pricings = new(StringComparer.OrdinalIgnoreCase);

        public PostureStore(EstateIndex estate) => _estate = estate;

        public SubscriptionPosture? For(Guid subscriptionId) =>
            _estate.Subscription(subscriptionId) is { } subscription
                ? _postures.GetOrAdd(subscriptionId, _ => PostureGenerator.Generate(_estate.Scenario, subscription))
                : null;

        public string AlertStatus(AlertRecord alert) => _alertStates.TryGetValue(alert.Id, out string? status) ? status : alert.Status;

        public void SetAlertStatus(AlertRecord alert, string status) => _alertStates[alert.Id] = status;

        public PricingRecord Pricing(Guid subscriptionId, PricingRecord generated) =>
            _pricings.TryGetValue($"{subscriptionId}/{generated.Plan.Name}", out PricingRecord? changed) ? changed : generated;

        /// <summary>Replaces one subscription's generated posture (tests and demos plant drift with it: a score drop, an assessment turning unhealthy).</summary>
        public void Change(Guid subscriptionId, Func<SubscriptionPosture, SubscriptionPosture> change)
        {
            SubscriptionPosture current = For(subscriptionId) ?? throw new ArgumentException($"No subscription {subscriptionId} in the estate.", nameof(subscriptionId));
            _postures[subscriptionId] = change(current);
        }

        public void SetPricing(Guid subscriptionId, PricingRecord pricing) => _pricings[$"{subscriptionId}/{pricing.Plan.Name}"] = pricing;
    }
}
