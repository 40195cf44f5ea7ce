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
