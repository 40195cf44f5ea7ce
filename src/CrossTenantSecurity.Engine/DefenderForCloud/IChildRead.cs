using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>A child kind read along with its parent kind: under each kept parent item over ARM, as one type from Resource Graph.</summary>
    internal interface IChildRead<TParent>
    {
        bool PreferGraph { get; }

        Task ReadOverArmAsync(PostureReader reader, SubscriptionRef subscription, IReadOnlyList<TParent> parents, CancellationToken cancellationToken);

        /// <summary>The children of the subscriptions from Resource Graph; what it did for each subscription.</summary>
        Task<GraphCoverage> ReadFromGraphAsync(PostureReader reader, IReadOnlyList<DelegatedSubscription> subscriptions, int maxConcurrency, CancellationToken cancellationToken);
    }
}
