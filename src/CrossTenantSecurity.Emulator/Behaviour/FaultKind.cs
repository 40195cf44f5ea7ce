namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>Transient failures the emulator can inject.</summary>
    public enum FaultKind
    {
        None,
        /// <summary>500 InternalServerError.</summary>
        InternalServerError,
        /// <summary>502 BadGateway.</summary>
        BadGateway,
        /// <summary>504 GatewayTimeout.</summary>
        GatewayTimeout,
        /// <summary>503 ServiceUnavailable with Retry-After 1-5 s.</summary>
        ServiceUnavailable,
        /// <summary>Connection aborted before any header is sent.</summary>
        ConnectionReset,
        /// <summary>Half of the real response body (Content-Length announces all of it), then the connection closes.</summary>
        PartialBodyThenAbort,
        /// <summary>Half of the real response body, then nothing until the client gives up.</summary>
        PartialBodyThenHang,
        /// <summary>No response at all until the client gives up.</summary>
        Hang,
    }
}
