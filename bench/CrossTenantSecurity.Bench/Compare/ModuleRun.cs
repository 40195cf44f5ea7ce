using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator.Scenarios;
using CrossTenantSecurity.Shell;

namespace CrossTenantSecurity.Bench.Compare
{
    /// <summary>
    /// Approach (b): the module's cmdlets with default settings in a hosted PowerShell 7.6 runspace. Connect, then the
    /// six audit cmdlets one after another; each fans out over the subscriptions itself (default -ThrottleLimit).
    /// </summary>
    internal sealed class ModuleRun : IDisposable
    {
        /// <summary>The cmdlets' default -ThrottleLimit (CtScopedCmdlet); the lower bound is computed for it.</summary>
        public const int DefaultThrottleLimit = 64;

        /// <summary>Get-CtPostureSnapshot reads each subscription in two lanes (paged lists beside the short reads): 2 x -ThrottleLimit in flight.</summary>
        public const int SnapshotConcurrency = 2 * DefaultThrottleLimit;
        private static readonly string[] AllStatuses = { "Healthy", "Unhealthy", "NotApplicable" };

        private readonly StringWriter _hostOutput = new();
        private readonly Runspace _runspace;

        /// <summary>Opens the runspace and imports the assembled module (not timed: a session does it once).</summary>
        public ModuleRun()
        {
            InitialSessionState state = InitialSessionState.CreateDefault2();
            state.Commands.Add(new SessionStateCmdletEntry("Measure-CtBenchObject", typeof(MeasureCtBenchObjectCommand), null));
            _runspace = RunspaceFactory.CreateRunspace(new TextHost(_hostOutput), state);
            _runspace.Open();
            using PowerShell import = PowerShell.Create(_runspace);
            import.AddCommand("Import-Module").AddParameter("Name", ModuleLocation.EnsureManifest()).AddParameter("ErrorAction", "Stop");
            import.Invoke();
        }

        public ApproachRun Run(Uri baseUrl, TimeSpan networkTimeout, Action<string> progress)
        {
            var watch = Stopwatch.StartNew();
            var observer = new ModuleObserver(watch);
            long errors = 0;

            Connect(baseUrl, networkTimeout);
            TimeSpan signIn = watch.Elapsed;

            foreach (AuditCommand command in AuditCommand.All)
            {
                using PowerShell ps = PowerShell.Create(_runspace);
                ps.AddCommand(command.Cmdlet);
                if (command.Cmdlet == "Get-CtRecommendation") ps.AddParameter("Status", AllStatuses);
                ps.AddCommand("Measure-CtBenchObject").AddParameter("Observer", observer).AddParameter("Command", command.Cmdlet);
                try
                {
                    ps.Invoke();
                }
                catch (RuntimeException e)
                {
                    progress($"  {command.Cmdlet} terminated: {e.Message}");
                    errors++;
                }
                foreach (ErrorRecord error in ps.Streams.Error)
                {
                    observer.RecordError(command.Cmdlet, error);
                    errors++;
                }
                progress($"  {command.Cmdlet}: done at {watch.Elapsed.TotalSeconds:F1} s, {observer.Objects} objects so far, {errors} errors so far");
            }
            watch.Stop();
            return new ApproachRun(watch.Elapsed, observer.FirstObject, observer.Objects, errors, observer.Ledger, signIn, Listing: null, DefaultThrottleLimit);
        }

        /// <summary>
        /// The one-pass audit: connect, then Get-CtPostureSnapshot with default settings (every kind of every subscription in one
        /// fan-out). Each subscription in the snapshot's summaries counts as answered for all six kinds: each kind ended as data
        /// or as a failure in the snapshot.
        /// </summary>
        public ApproachRun RunSnapshot(Uri baseUrl, TimeSpan networkTimeout, Action<string> progress)
        {
            var watch = Stopwatch.StartNew();
            Connect(baseUrl, networkTimeout);
            TimeSpan signIn = watch.Elapsed;
            var ledger = new SubscriptionLedger();
            long failures = 0;
            using (PowerShell ps = PowerShell.Create(_runspace))
            {
                ps.AddScript(@"$s = Get-CtPostureSnapshot -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
                    [pscustomobject]@{ Ids = @($s.Subscriptions | ForEach-Object SubscriptionId); Failures = $s.FailureCount; Summary = $s.ToString() }");
                PSObject result = ps.Invoke().Single();
                foreach (object id in (object[])result.Properties["Ids"].Value) ledger.MarkAll(id.ToString()!, AuditCommand.AllMask);
                failures = Convert.ToInt64(result.Properties["Failures"].Value, System.Globalization.CultureInfo.InvariantCulture);
                progress($"  Get-CtPostureSnapshot: done at {watch.Elapsed.TotalSeconds:F1} s: {result.Properties["Summary"].Value}");
            }
            watch.Stop();
            return new ApproachRun(watch.Elapsed, watch.Elapsed, 1, failures, ledger, signIn, Listing: null, SnapshotConcurrency);
        }

        /// <summary>Connect-CtAccount -NetworkTimeout takes whole seconds, at least 1.</summary>
        public static int NetworkTimeoutSeconds(TimeSpan networkTimeout) => Math.Max(1, (int)Math.Ceiling(networkTimeout.TotalSeconds));

        private void Connect(Uri baseUrl, TimeSpan networkTimeout)
        {
        using (PowerShell connect = PowerShell.Create(_runspace))
        {
            connect.AddScript(@"param($url, $appId, $secret, $tenant, $timeout)
                Add-CtEnvironment -Name BenchEmu -ResourceManagerUrl $url -ActiveDirectoryAuthority $url -Scope Process | Out-Null
                $cred = [pscredential]::new($appId, [System.Net.NetworkCredential]::new('', $secret).SecurePassword)
                Connect-CtAccount -Environment BenchEmu -ServicePrincipal -Credential $cred -TenantId $tenant -NetworkTimeout $timeout -ErrorAction Stop | Out-Null")
                .AddArgument(baseUrl.AbsoluteUri).AddArgument(EstateGenerator.AutomationAppId.ToString())
                .AddArgument(EstateGenerator.AutomationSecret).AddArgument(EstateGenerator.ManagingTenantId.ToString())
                .AddArgument(NetworkTimeoutSeconds(networkTimeout));
            connect.Invoke();
            if (connect.HadErrors) throw new InvalidOperationException("Connect-CtAccount failed: " + string.Join("; ", connect.Streams.Error.Select(e => e.Exception.Message)));
        }
        }

        /// <summary>
        /// A command that finds nothing for a subscription (no alerts) emits no object and no error. Such a pair counts
        /// only when the estate really holds nothing there; anything else stays a silent omission.
        /// </summary>
        public static async Task<int> AccountEmptyAnswersAsync(SubscriptionLedger ledger, Scenario scenario)
        {
            var unanswered = scenario.Subscriptions.Select(s => s.Id.ToString())
                .SelectMany(id => AuditCommand.All.Where(c => !ledger.Answered(id, c)).Select(c => (Id: id, Command: c))).ToList();
            if (unanswered.Count == 0) return 0;
            await using EmptyAnswerOracle oracle = await EmptyAnswerOracle.StartAsync(scenario).ConfigureAwait(false);
            int empty = 0;
            foreach (var (id, command) in unanswered)
            {
                if (!await oracle.IsEmptyAsync(id, command, CancellationToken.None).ConfigureAwait(false)) continue;
                ledger.Mark(id, command);
                empty++;
            }
            return empty;
        }

        public void Dispose()
        {
            _runspace.Dispose();
            _hostOutput.Dispose();
        }
    }
}
