using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CrossTenantSecurity.Engine.Common;

namespace CrossTenantSecurity.Engine.Transport
{
    /// <summary>
    /// One page of a paged collection, held to the shape every list shares: an object whose "value" is an array and
    /// whose link to the next page is a string, null or absent. Anything else (<c>{}</c>, <c>{"value":null}</c>,
    /// <c>{"value":{…}}</c>) is an <see cref="InvalidResponseException"/>, never an empty page.
    /// </summary>
    internal sealed class ListPage
    {
        private ListPage(IReadOnlyList<JsonElement> items, string? link, string? requestId, string origin)
        {
            Items = items;
            Link = link;
            RequestId = requestId;
            Origin = origin;
        }

        /// <summary>The page's items; they belong to a copy of the page, so they stay valid after it is read.</summary>
        public IReadOnlyList<JsonElement> Items { get; }

        /// <summary>The link to the next page as the service wrote it; null on the last page.</summary>
        public string? Link { get; }

        public string? RequestId { get; }

        /// <summary>The request that read the page, e.g. GET /subscriptions/…/assessments (for messages).</summary>
        public string Origin { get; }

        public static ListPage Read(JsonDocument document, Uri uri, string linkProperty)
        {
            string? requestId = RequestIds.Of(document);
            string origin = "GET " + ServiceCaller.Describe(uri);
            JsonElement page = document.RootElement;
            string? problem = page.ValueKind != JsonValueKind.Object ? $"the page is {JsonKinds.Describe(page.ValueKind)}, not an object"
                : !page.TryGetProperty("value", out JsonElement items) ? "the page has no \"value\" list"
                : items.ValueKind != JsonValueKind.Array ? $"\"value\" is {JsonKinds.Describe(items.ValueKind)}, not an array"
                : page.TryGetProperty(linkProperty, out JsonElement link) && link.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)
                    ? $"\"{linkProperty}\" is {JsonKinds.Describe(link.ValueKind)}, not a string"
                : null;
            if (problem is not null) throw new InvalidResponseException(problem, requestId, origin);

            JsonElement copy = page.Clone();
            string? next = copy.TryGetProperty(linkProperty, out JsonElement text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
            return new ListPage(copy.GetProperty("value").EnumerateArray().ToList(), next, requestId, origin);
        }
    }
}
