using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// Lists a paged collection: the items under "value" of every page, following the page's link (ARM's nextLink,
    /// OData's @odata.nextLink) verbatim. Each page is held to the list shape (<see cref="ListPage"/>). A link is followed
    /// only over https to the service's own host, since it would receive our bearer token: anything else is a
    /// <see cref="ServiceRequestException"/> naming both hosts. A link that repeats ends the listing instead of looping.
    /// </summary>
    internal static class LinkPaging
    {
        public static async IAsyncEnumerable<JsonElement> ListAsync(ServiceCaller caller, Uri first, string linkProperty,
            Func<Uri, CancellationToken, Task<JsonDocument>> readPage, Action<string>? verbose, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (ListPage page in PagesAsync(caller, first, linkProperty, readPage, verbose, cancellationToken).ConfigureAwait(false))
            {
                foreach (JsonElement item in page.Items) yield return item;
            }
        }

        /// <summary>The pages themselves, for a reader that checks a page's items before it takes any (and names the request of a bad one).</summary>
        public static async IAsyncEnumerable<ListPage> PagesAsync(ServiceCaller caller, Uri first, string linkProperty,
            Func<Uri, CancellationToken, Task<JsonDocument>> readPage, Action<string>? verbose, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Uri? next = first;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (next is not null)
            {
                if (!seen.Add(next.AbsoluteUri))
                {
                    verbose?.Invoke($"{linkProperty} repeated ({ServiceCaller.Describe(next)}); stopping.");
                    yield break;
                }
                ListPage page;
                using (JsonDocument document = await readPage(next, cancellationToken).ConfigureAwait(false))
                {
                    page = ListPage.Read(document, next, linkProperty);
                }
                yield return page;
                next = NextLink(caller, page.Link, linkProperty);
            }
        }

        private static Uri? NextLink(ServiceCaller caller, string? text, string linkProperty)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            Uri uri = caller.Resolve(text!);
            if (uri.Scheme != Uri.UriSchemeHttps || !string.Equals(uri.Host, caller.Endpoint.Host, StringComparison.OrdinalIgnoreCase))
                throw new ServiceRequestException(0, "UntrustedNextLink",
                    $"The service returned a {linkProperty} to '{uri.Scheme}://{uri.Host}', which is not the {caller.Service} endpoint '{caller.Endpoint.Host}'; it was not followed.", null);
            return uri;
        }
    }
}
