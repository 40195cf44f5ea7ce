using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;

namespace CrossTenantSecurity.Bench.Compare
{
    /// <summary>What the module's output stream showed: the first object's time, object count, and per-subscription answers.</summary>
    public sealed class ModuleObserver
    {
        private readonly Stopwatch _clock;
        private long _firstObjectTicks = -1;
        private long _objects;

        internal ModuleObserver(Stopwatch clock) => _clock = clock;

        internal SubscriptionLedger Ledger { get; } = new();

        internal long Objects => Interlocked.Read(ref _objects);

        internal TimeSpan? FirstObject => Interlocked.Read(ref _firstObjectTicks) is var ticks and >= 0 ? TimeSpan.FromTicks(ticks) : null;

        internal void Record(string cmdlet, PSObject item)
        {
            Interlocked.CompareExchange(ref _firstObjectTicks, _clock.Elapsed.Ticks, -1);
            Interlocked.Increment(ref _objects);
            if (item.Properties["SubscriptionId"]?.Value is string subscription) Ledger.Mark(subscription, AuditCommand.ByCmdlet(cmdlet));
        }

        /// <summary>An ErrorRecord's TargetObject is the subscription (DelegatedSubscription) or its id.</summary>
        internal void RecordError(string cmdlet, ErrorRecord error)
        {
            object? target = error.TargetObject is PSObject wrapped ? wrapped.BaseObject : error.TargetObject;
            string? subscription = target as string ?? PSObject.AsPSObject(target ?? string.Empty).Properties["SubscriptionId"]?.Value as string;
            if (subscription is not null) Ledger.Mark(subscription, AuditCommand.ByCmdlet(cmdlet));
        }
    }
}
