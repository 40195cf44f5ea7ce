using System;
using System.Collections.Generic;
using System.Linq;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>
    /// What a Resource Graph read of a kind did for each subscription: returned rows that fit the kind (done), returned a
    /// row that does not (the subscription fails as InvalidResponse), or returned nothing (the subscription is read over ARM).
    /// </summary>
    internal sealed class GraphCoverage
    {
        private readonly ISet<string> _returned;
        private readonly IReadOnlyDictionary<string, InvalidResponseException> _invalid;

        public GraphCoverage(ISet<string> returned, IReadOnlyDictionary<string, InvalidResponseException> invalid)
        {
            _returned = returned;
            _invalid = invalid;
        }

        public static GraphCoverage Nothing { get; } = new(new HashSet<string>(), new Dictionary<string, InvalidResponseException>());

        /// <summary>Whether the subscription's rows were read and all fit the kind.</summary>
        public bool Covers(string subscriptionId) => _returned.Contains(subscriptionId) && !_invalid.ContainsKey(subscriptionId);

        /// <summary>
        /// Throws the subscription's <see cref="InvalidResponseException"/> when its rows did not fit; called in the
        /// subscription's own step, so that it is reported like any other failure of the subscription.
        /// </summary>
        public void ThrowIfInvalid(string subscriptionId)
        {
            if (_invalid.TryGetValue(subscriptionId, out InvalidResponseException? invalid)) throw invalid;
        }

        /// <summary>This coverage, with the subscriptions whose child rows (<paramref name="children"/>) did not fit failing too.</summary>
        public GraphCoverage With(GraphCoverage children)
        {
            var invalid = new Dictionary<string, InvalidResponseException>(StringComparer.OrdinalIgnoreCase);
            foreach (var (subscription, exception) in _invalid.Concat(children._invalid)) invalid.TryAdd(subscription, exception);
            return new GraphCoverage(_returned, invalid);
        }
    }
}
