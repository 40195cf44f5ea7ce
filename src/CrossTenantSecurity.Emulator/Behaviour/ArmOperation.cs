namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>ARM's throttling operation kinds; each has its own buckets and header suffix.</summary>
    public enum ArmOperation
    {
        Read,
        Write,
        Delete,
    }
}
