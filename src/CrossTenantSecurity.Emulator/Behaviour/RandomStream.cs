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
    }
}
