namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>Per-request probabilities of each fault kind (fractions, not percent).</summary>
    public sealed record FaultRates(
        double InternalServerError,
        double BadGatewayOrGatewayTimeout,
        double ServiceUnavailable,
        double ConnectionReset,
        double PartialBodyThenAbort,
        double PartialBodyThenHang,
        double Hang)
    {
        public static readonly FaultRates None = new(0, 0, 0, 0, 0, 0, 0);

        public double Total => InternalServerError + BadGatewayOrGatewayTimeout + ServiceUnavailable + ConnectionReset
            + PartialBodyThenAbort + PartialBodyThenHang + Hang;

        /// <summary>
        /// The table's rates. Torture uses the SDK fault injector's codes: "nc"/"na" (no response, then close/abort) are
        /// both a reset before headers; "pc"/"pa" a partial body then close/abort; "pn" a partial body then a hang
        /// (counted once, although the table lists it under both partial body and hang); "nn" a hang.
        /// </summary>
        public static FaultRates For(FaultProfile profile) => profile switch
        {
            FaultProfile.Realistic => new(0.0005, 0.0002, 0.0005, 0.0002, 0.0001, 0, 0.00005),
            FaultProfile.Stormy => new(0.005, 0.003, 0.005, 0.005, 0.002, 0, 0.0005),
            FaultProfile.Torture => new(0, 0, 0, 0.006, 0.12, 0.06, 0.003),
            _ => None,
        };
    }
}
