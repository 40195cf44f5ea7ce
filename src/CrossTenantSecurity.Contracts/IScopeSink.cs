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
    /// <summary>
    /// Optional on a sink: progress of work that has steps inside each scope (e.g. the posture kinds of each
    /// subscription in a snapshot). The engine uses it when the sink offers it, and plain OnProgress otherwise.
    /// </summary>
    public interface IStepProgressSink
    {
        void OnStepProgress(int scopesDone, int scopesTotal, int stepsDone, int stepsTotal);
    }
}
