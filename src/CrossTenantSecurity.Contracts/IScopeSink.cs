namespace CrossTenantSecurity
{
    /// <summary>
    /// Where the engine reports results from its workers. Implementations must be thread-safe:
    /// calls arrive concurrently from many scopes.
    /// </summary>
    public interface IScopeSink<in T>
    {
        void OnResult(T item);
        void OnFailure(ScopeFailure failure);
        void OnVerbose(string message);
        void OnWarning(string message);
        void OnProgress(int done, int total);
    }
}

namespace CrossTenantSecurity
{
}
