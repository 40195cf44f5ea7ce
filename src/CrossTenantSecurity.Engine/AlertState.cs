using CrossTenantSecurity.Engine.History;
namespace CrossTenantSecurity.Engine
{
    /// <summary>States an alert can be set to.</summary>
    public enum AlertState
    {
        Active = 0,
        InProgress,
        Resolved,
        Dismissed,
    }
}
