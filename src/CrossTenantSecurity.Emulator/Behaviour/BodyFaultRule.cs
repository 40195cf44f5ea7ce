using System;
using System.Globalization;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>
    /// Which reads get a malformed answer: those of one subscription, of one endpoint, or both; at <see cref="Rate"/>
    /// (1 = every one). Without a subscription and an endpoint it covers every Microsoft.Security read.
    /// Command-line form (see <see cref="Parse"/> and <see cref="ToString"/>): KIND[:RATE][@SCOPE].
    /// </summary>
    public sealed record BodyFaultRule
    {
        public BodyFaultRule(BodyFaultKind kind, Guid? subscriptionId = null, PostureEndpoint? endpoint = null, double rate = 1.0)
        {
            if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a body fault kind.");
            if (!(rate > 0 && rate <= 1)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "A body fault rate is a fraction above 0 and at most 1.");
            if (subscriptionId is not null && endpoint is PostureEndpoint.Tenants or PostureEndpoint.ResourceGraph)
                throw new ArgumentException($"{endpoint} reads belong to no subscription; leave the subscription out.", nameof(subscriptionId));
            Kind = kind;
            SubscriptionId = subscriptionId;
            Endpoint = endpoint;
            Rate = rate;
        }

        public BodyFaultKind Kind { get; }
        /// <summary>Reads under /subscriptions/{id}; null for any subscription (and tenant-level reads).</summary>
        public Guid? SubscriptionId { get; }
        /// <summary>One endpoint; null for every Microsoft.Security read. Listings and Resource Graph are hit only when named.</summary>
        public PostureEndpoint? Endpoint { get; }
        public double Rate { get; }

        internal bool Matches(PostureEndpoint endpoint, string? subscriptionId) =>
            (Endpoint == endpoint || (Endpoint is null && !PostureEndpoints.NeedsExplicitRule(endpoint))) &&
            (SubscriptionId is not Guid wanted || (Guid.TryParse(subscriptionId, out Guid actual) && actual == wanted));

        /// <summary>
        /// Reads KIND[:RATE][@SCOPE]: RATE a fraction (0.05) or a percentage (5%); SCOPE a subscription id, an endpoint
        /// (an enum name or an ARM resource type, e.g. assessments), or SUBSCRIPTION/ENDPOINT (* for any subscription).
        /// Throws <see cref="ArgumentException"/> with a message fit for the user.
        /// </summary>
        public static BodyFaultRule Parse(string text)
        {
            string head = text, scope = "";
            int at = text.IndexOf('@', StringComparison.Ordinal);
            if (at >= 0) (head, scope) = (text.Substring(0, at), text.Substring(at + 1));
            string kindText = head, rateText = "";
            int colon = head.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0) (kindText, rateText) = (head.Substring(0, colon), head.Substring(colon + 1));

            if (kindText.Length == 0 || !char.IsLetter(kindText[0]) || !Enum.TryParse(kindText, ignoreCase: true, out BodyFaultKind kind))
                throw Invalid(text, $"unknown kind '{kindText}'. Kinds: {string.Join(", ", Enum.GetNames<BodyFaultKind>())}.");
            double rate = colon < 0 ? 1.0 : ParseRate(text, rateText);
            Guid? subscription = null;
            PostureEndpoint? endpoint = null;
            if (at >= 0) (subscription, endpoint) = ParseScope(text, scope);
            try
            {
                return new BodyFaultRule(kind, subscription, endpoint, rate);
            }
            catch (ArgumentException e)
            {
                throw Invalid(text, e.Message.Split(" (Parameter", 2)[0]);
            }
        }

        private static double ParseRate(string text, string rateText)
        {
            bool percent = rateText.EndsWith('%');
            if (!double.TryParse(percent ? rateText[..^1] : rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) || double.IsNaN(rate))
                throw Invalid(text, $"the rate '{rateText}' is not a number (use a fraction such as 0.05 or a percentage such as 5%).");
            if (percent) rate /= 100;
            if (!(rate > 0 && rate <= 1)) throw Invalid(text, $"the rate '{rateText}' must be above 0 and at most 1 (100%).");
            return rate;
        }

        private static (Guid?, PostureEndpoint?) ParseScope(string text, string scope)
        {
            string[] parts = scope.Split('/');
            if (parts.Length == 1 && PostureEndpoints.TryParse(parts[0], out PostureEndpoint alone)) return (null, alone);
            if (parts.Length > 2 || (parts[0] != "*" && !Guid.TryParse(parts[0], out _)))
                throw Invalid(text, $"the scope '{scope}' is not SUBSCRIPTION, ENDPOINT or SUBSCRIPTION/ENDPOINT. {EndpointNames()}");
            Guid? subscription = parts[0] == "*" ? null : Guid.Parse(parts[0]);
            if (parts.Length == 1) return (subscription, null);
            if (!PostureEndpoints.TryParse(parts[1], out PostureEndpoint endpoint))
                throw Invalid(text, $"unknown endpoint '{parts[1]}'. {EndpointNames()}");
            return (subscription, endpoint);
        }

        private static string EndpointNames() =>
            $"Endpoints: {string.Join(", ", Enum.GetNames<PostureEndpoint>())} (or an ARM resource type such as assessments).";

        private static ArgumentException Invalid(string text, string problem) => new($"Body fault '{text}': {problem}");

        /// <summary>The command-line form, e.g. NullValue@2b222222-0000-4000-8000-000000000001/Assessments or WrongTypes:0.05.</summary>
        public override string ToString()
        {
            string rate = Rate < 1 ? ":" + Rate.ToString("R", CultureInfo.InvariantCulture) : "";
            string scope = (SubscriptionId, Endpoint) switch
            {
                (null, null) => "",
                (Guid s, null) => "@" + s,
                (null, PostureEndpoint e) => "@" + e,
                (Guid s, PostureEndpoint e) => $"@{s}/{e}",
            };
            return Kind + rate + scope;
        }
    }
}
