using System;

namespace CrossTenantSecurity
{
    /// <summary>Where a service lives in one cloud, and the audience its tokens are issued for.</summary>
    public sealed class ServiceEndpoint
    {
        public ServiceEndpoint(CloudService service, Uri url, string? audience = null)
        {
            Service = service;
            Url = url ?? throw new ArgumentNullException(nameof(url));
            Audience = string.IsNullOrEmpty(audience) ? DefaultAudience(url) : audience!.TrimEnd('/');
        }

        public CloudService Service { get; }
        public Uri Url { get; }
        /// <summary>The resource a token is requested for; the scope sent to Entra is this plus "/.default".</summary>
        public string Audience { get; }
        public string Scope => Audience + "/.default";

        /// <summary>Scheme and authority of the URL: https://graph.microsoft.com/v1.0/ gives https://graph.microsoft.com.</summary>
        public static string DefaultAudience(Uri url) => url.GetLeftPart(UriPartial.Authority);

        public override string ToString() => $"{Service}: {Url} ({Audience})";
    }
}
