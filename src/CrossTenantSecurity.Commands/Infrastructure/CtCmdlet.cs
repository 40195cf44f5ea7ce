using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Engine;
using CrossTenantSecurity.Engine.Scopes;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    /// <summary>
    /// Base of every cmdlet: session lookup, and the streaming pattern. Engine work runs on worker
    /// threads and reports into a <see cref="PipelinePump{T}"/>; only the pipeline thread writes.
    /// </summary>
    public abstract class CtCmdlet : PSCmdlet, IDisposable
    {
        private const int ProgressActivityId = 0x4354; // "CT"
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private readonly Stopwatch _progressClock = Stopwatch.StartNew();
        private bool _progressWritten;

        /// <summary>Noun used in ErrorIds, e.g. DelegatedSubscription in DelegatedSubscription.Forbidden.</summary>
        internal abstract string ErrorNoun { get; }

        /// <summary>Title of the progress bar.</summary>
        internal virtual string ProgressActivity => ErrorNoun;

        internal CtSessionState Session => SessionRegistry.For(Runspace.DefaultRunspace);

        internal CancellationToken StopToken => _cancellation.Token;

        /// <summary>The signed-in client, or a terminating error that says how to sign in.</summary>
        internal CrossTenantClient RequireClient()
        {
            CrossTenantClient? client = Session.Client;
            if (client is not null) return client;
            ThrowTerminatingError(ErrorRecordFactory.Create(
                new InvalidOperationException("Not signed in. Run Connect-CtAccount to sign in to your managing tenant first."),
                "Context.NotConnected", ErrorCategory.AuthenticationError, null,
                "Run Connect-CtAccount (see Get-Help Connect-CtAccount for service principal, managed identity and pipeline sign-in)."));
            throw new InvalidOperationException("unreachable");
        }

        /// <summary>
        /// Runs <paramref name="producer"/> on a worker and writes what it reports as it arrives. A stopped
        /// pipeline (Ctrl+C, Select-Object -First, -ErrorAction Stop) cancels the worker and lets the
        /// stop propagate; a whole-command failure becomes a terminating error.
        /// </summary>
        internal void RunStreaming<T>(Func<IScopeSink<T>, CancellationToken, Task> producer)
        {
            using var pump = new PipelinePump<T>(_cancellation.Token);
            Action<string>? trace = DebugWanted() ? pump.OnDebug : null;
            Task work = Task.Run(() =>
            {
                // Set inside the worker's flow, so exactly the requests this command starts are traced to it.
                RequestTrace.WriteTo(trace);
                return producer(pump, _cancellation.Token);
            }, _cancellation.Token);
            work.ContinueWith(_ => pump.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

            bool drained = false;
            try
            {
                foreach (PumpItem item in pump.Drain()) item.WriteTo(this);
                drained = true;
            }
            finally
            {
                if (!drained) _cancellation.Cancel();
                WaitQuietly(work);
                CompleteProgress();
            }

            if (work.IsFaulted) ThrowFromWorker(work.Exception!.GetBaseException());
        }

        /// <summary>-Debug, or $DebugPreference asks for debug output: only then is the HTTP trace built at all.</summary>
        private bool DebugWanted()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Debug", out object? debug)) return debug is SwitchParameter { IsPresent: true };
            object? preference = GetVariableValue("DebugPreference");
            if (preference is PSObject wrapped) preference = wrapped.BaseObject;
            return preference is ActionPreference p && p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore;
        }

        private void ThrowFromWorker(Exception exception)
        {
            if (exception is CrossTenantException known)
                ThrowTerminatingError(ErrorRecordFactory.FromException(known, null));
            if (exception is OperationCanceledException && _cancellation.IsCancellationRequested)
                return;
            if (CommandFailure.OfTransport(exception) is ScopeFailure unreachable)
                ThrowTerminatingError(ErrorRecordFactory.FromScopeFailure(unreachable, ErrorNoun));
            ThrowTerminatingError(ErrorRecordFactory.Create(exception, $"{ErrorNoun}.Unexpected", ErrorCategory.NotSpecified, null));
        }

        private static void WaitQuietly(Task work)
        {
            try { work.Wait(TimeSpan.FromSeconds(30)); }
            catch (AggregateException) { /* observed by the caller through work.IsFaulted */ }
        }

        internal void ReportProgress(int done, int total, string? status = null)
        {
            if (done < total && _progressClock.ElapsedMilliseconds < 250) return;
            _progressClock.Restart();
            int percent = total > 0 ? (int)(100L * done / total) : -1;
            WriteProgress(new ProgressRecord(ProgressActivityId, ProgressActivity, status ?? $"{done} of {total} scopes") { PercentComplete = Math.Min(percent, 100) });
            _progressWritten = true;
        }

        private void CompleteProgress()
        {
            if (!_progressWritten) return;
            _progressWritten = false;
            try
            {
                WriteProgress(new ProgressRecord(ProgressActivityId, ProgressActivity, "Done") { RecordType = ProgressRecordType.Completed });
            }
            catch (PipelineStoppedException)
            {
                // The pipeline is already gone; nothing to complete.
            }
        }

        /// <summary>Subclasses that override this call it first.</summary>
        protected override void BeginProcessing() => DebugWithoutPrompts.Apply(this);

        protected override void StopProcessing() => _cancellation.Cancel();

        public void Dispose()
        {
            _cancellation.Cancel();
            _cancellation.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
