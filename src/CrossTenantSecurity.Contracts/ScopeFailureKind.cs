namespace CrossTenantSecurity
{
    /// <summary>Why one scope (a subscription or tenant) produced no data. Names become ErrorId reasons.</summary>
    public enum ScopeFailureKind : long
    {
        Unknown = 0,
        /// <summary>401: the token was refused.</summary>
        Unauthorized,
        /// <summary>403: the delegation or role does not allow the read.</summary>
        Forbidden,
        /// <summary>403 because the subscription is delegated only at resource-group level, so subscription-level data is out of reach.</summary>
        ResourceGroupOnly,
        /// <summary>404: the scope or resource does not exist or is not visible.</summary>
        NotFound,
        /// <summary>The resource provider is not registered on the subscription.</summary>
        NotRegistered,
        /// <summary>Secure score has not been computed yet.</summary>
        ScoreNotReady,
        /// <summary>429 past every retry.</summary>
        Throttled,
        /// <summary>5xx, or a connection that broke off (reset, body cut short), past every retry.</summary>
        Transient,
        /// <summary>The request was malformed (400).</summary>
        BadRequest,
        /// <summary>The operation was cancelled.</summary>
        Cancelled,
        /// <summary>The customer tenant has not consented the application for this service (AADSTS65001, 700016, 7000229).</summary>
        ConsentRequired,
        /// <summary>The customer tenant refuses tokens: conditional access, or the application or account is disabled there.</summary>
        AccessBlocked,
        /// <summary>A scope asked for by id that the command's other filters leave out; the message names the switch that includes it.</summary>
        NotInScope,
        /// <summary>The service answered with success, but the body does not fit the API: not JSON, cut short, or JSON of the wrong shape.</summary>
        InvalidResponse,
        /// <summary>The service did not answer within the per-try timeout (-NetworkTimeout), on any try.</summary>
        Timeout,
        /// <summary>The service could not be reached: connection refused, or its name did not resolve.</summary>
        ConnectionFailed,
        /// <summary>The service's certificate is not trusted (TLS); never retried.</summary>
        TlsTrust,
    }
}
