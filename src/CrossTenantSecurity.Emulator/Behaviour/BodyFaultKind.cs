namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>
    /// Malformed answers to a read that otherwise succeeds (200). Unlike <see cref="FaultKind"/>, these are not about
    /// retries: they prove a client reports a broken answer instead of turning it into defaults or silence.
    /// </summary>
    public enum BodyFaultKind
    {
        /// <summary>The real JSON cut in the middle; Content-Length matches what is sent, so the HTTP response is complete.</summary>
        TruncatedJson,
        /// <summary>An HTML page (text/html), as a proxy or captive portal would answer.</summary>
        HtmlPage,
        /// <summary>The real JSON with every value under each resource's properties (and nextLink) of a wrong JSON type.</summary>
        WrongTypes,
        /// <summary><c>{}</c>.</summary>
        EmptyObject,
        /// <summary><c>{"value":null}</c> for a list, <c>null</c> for a single document.</summary>
        NullValue,
        /// <summary><c>{"value":{…the first item…}}</c>: a list whose value is an object (a single document is wrapped likewise).</summary>
        ObjectValue,
        /// <summary>Zero bytes, still announced as JSON.</summary>
        EmptyBody,
        /// <summary>Half of the real body (Content-Length announces all of it), then the connection closes.</summary>
        ResetMidBody,
        /// <summary>No response at all until the client gives up.</summary>
        Hang,
    }
}
