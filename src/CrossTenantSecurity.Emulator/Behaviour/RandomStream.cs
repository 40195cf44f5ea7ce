namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>Independent decision streams, so adding draws to one never shifts another.</summary>
    internal enum RandomStream
    {
        Latency = 1,
        Background = 2,
        Fault = 3,
        FaultDetail = 4,
        NoisyNeighbour = 5,
        /// <summary>Whether a rule with a rate hits a read; drawn only while body-fault rules exist.</summary>
        BodyFault = 6,
        /// <summary>The wrong type each field gets under <see cref="BodyFaultKind.WrongTypes"/>.</summary>
        BodyFaultDetail = 7,
    }
}
