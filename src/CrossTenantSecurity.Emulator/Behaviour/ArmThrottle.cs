using System;
using System.Collections.Generic;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>
    /// ARM's token buckets: per (subscription, principal, operation) plus a 15x global bucket per (subscription,
    /// operation); tenant-level paths use a bucket per (caller tenant, principal, operation). A single region.
    /// One lock covers all buckets so a request takes from both of its buckets or from neither.
    /// </summary>
    internal sealed class ArmThrottle
    {
        private readonly BehaviourOptions _options;
        private readonly object _gate = new();
        private readonly Dictionary<string, TokenBucket> _buckets = new(StringComparer.OrdinalIgnoreCase);
        /// <summary>Penalty mode: per bucket key, the moment the last Retry-After expires.</summary>
        private readonly Dictionary<string, DateTimeOffset> _notBefore = new(StringComparer.OrdinalIgnoreCase);

        public ArmThrottle(BehaviourOptions options) => _options = options;

        public void Admit(RequestFacts request, DateTimeOffset now, Admission admission)
        {
            if (request.CallerObjectId is not { } actor) return;
            ArmOperation op = request.Operation;
            string opName = op.ToString().ToLowerInvariant();
            string suffix = opName + "s";
            bool tenantLevel = request.SubscriptionId is null;
            string scopeId = tenantLevel ? request.CallerTenantId?.ToString() ?? "" : request.SubscriptionId!;
            string principalKey = $"{(tenantLevel ? "tenant" : "sub")}|{scopeId}|{actor}|{opName}";
            string? globalKey = tenantLevel ? null : $"global|{scopeId}|{opName}";
            string principalHeader = tenantLevel ? $"x-ms-ratelimit-remaining-tenant-{suffix}" : $"x-ms-ratelimit-remaining-subscription-{suffix}";
            string globalHeader = $"x-ms-ratelimit-remaining-subscription-global-{suffix}";

            lock (_gate)
            {
                TokenBucket principal = Bucket(principalKey, op, 1, now, null);
                TokenBucket? global = globalKey is null ? null : Bucket(globalKey, op, _options.ArmLimits.GlobalMultiplier, now, scopeId);

                string? deniedKey = InPenalty(principalKey, now) ? principalKey
                    : globalKey is not null && InPenalty(globalKey, now) ? globalKey
                    : principal.Available(now) < 1 ? principalKey
                    : global is not null && global.Available(now) < 1 ? globalKey
                    : null;

                if (deniedKey is null)
                {
                    principal.TryTake(now);
                    global?.TryTake(now);
                    admission.Headers[principalHeader] = principal.Tokens.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (global is not null) admission.Headers[globalHeader] = global.Tokens.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return;
                }

                TokenBucket denied = deniedKey == principalKey ? principal : global!;
                int seconds = Math.Max((int)Math.Ceiling(_options.ArmLimits.MinimumRetryAfter.TotalSeconds), denied.IntervalsUntilToken(now));
                TimeSpan retryAfter = _options.Scale(TimeSpan.FromSeconds(seconds));
                if (_options.PenaltyMode) _notBefore[deniedKey] = now + retryAfter;

                admission.Headers[principalHeader] = "0";
                if (global is not null) admission.Headers[globalHeader] = "0";
                string code = tenantLevel ? "TenantRequestsThrottled" : "SubscriptionRequestsThrottled";
                string scope = tenantLevel ? "tenant" : "subscription";
                admission.Refuse(ThrottleReason.Arm, code,
                    $"Number of '{opName}' requests for {scope} '{scopeId}' actor '{actor}' exceeded. Please try again after '{seconds}' seconds " +
                    "after additional tokens are available. Refer to https://aka.ms/arm-throttling for additional information.",
                    retryAfter);
            }
        }

        private bool InPenalty(string key, DateTimeOffset now) =>
            _options.PenaltyMode && _notBefore.TryGetValue(key, out DateTimeOffset notBefore) && now < notBefore;

        private TokenBucket Bucket(string key, ArmOperation op, int multiplier, DateTimeOffset now, string? noisySubscription)
        {
            if (_buckets.TryGetValue(key, out TokenBucket? bucket)) return bucket;
            int capacity = _options.ArmLimits.Capacity(op) * multiplier;
            int? initial = noisySubscription is not null && IsNoisy(noisySubscription)
                ? capacity - (int)Math.Round(capacity * _options.NoisyNeighbourPreDrainPercent / 100.0)
                : null;
            bucket = new TokenBucket(capacity, _options.ArmLimits.Refill(op) * multiplier, _options.Scale(TimeSpan.FromSeconds(1)), now, initial);
            _buckets[key] = bucket;
            return bucket;
        }

        /// <summary>Whether the noisy neighbour shares this subscription: a seeded, stable choice per subscription.</summary>
        private bool IsNoisy(string subscriptionId) =>
            _options.NoisyNeighbourPreDrainPercent > 0 &&
            SeededRandom.Uniform(_options.Seed, RandomStream.NoisyNeighbour, SeededRandom.StableHash(subscriptionId)) < _options.NoisyNeighbourSubscriptionFraction;
    }
}
