namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>Maps one uniform draw onto a fault kind by cumulative rates; a second draw splits 502 from 504.</summary>
    internal static class FaultPicker
    {
        public static FaultKind Pick(FaultRates rates, double u, double split)
        {
            double edge = 0;
            if (u < (edge += rates.InternalServerError)) return FaultKind.InternalServerError;
            if (u < (edge += rates.BadGatewayOrGatewayTimeout)) return split < 0.5 ? FaultKind.BadGateway : FaultKind.GatewayTimeout;
            if (u < (edge += rates.ServiceUnavailable)) return FaultKind.ServiceUnavailable;
            if (u < (edge += rates.ConnectionReset)) return FaultKind.ConnectionReset;
            if (u < (edge += rates.PartialBodyThenAbort)) return FaultKind.PartialBodyThenAbort;
            if (u < (edge += rates.PartialBodyThenHang)) return FaultKind.PartialBodyThenHang;
            if (u < (edge += rates.Hang)) return FaultKind.Hang;
            return FaultKind.None;
        }
    }
}
