using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>
    /// The body-fault rules in force, changeable while the emulator runs (a test adds one, runs a cmdlet, removes it).
    /// Each request reads one snapshot, so a change never tears a decision; the first matching rule wins.
    /// </summary>
    public sealed class BodyFaultRules
    {
        private readonly object _gate = new();
        // Copy on write: readers take the array without a lock and never see it change.
        private volatile BodyFaultRule[] _rules = Array.Empty<BodyFaultRule>();

        /// <summary>The rules now, in the order they were added.</summary>
        public IReadOnlyList<BodyFaultRule> Current => _rules;

        public void Add(BodyFaultRule rule)
        {
            ArgumentNullException.ThrowIfNull(rule);
            lock (_gate) _rules = _rules.Append(rule).ToArray();
        }

        /// <summary>Removes the last rule equal to <paramref name="rule"/>; false when there was none.</summary>
        public bool Remove(BodyFaultRule rule)
        {
            lock (_gate)
            {
                int at = Array.LastIndexOf(_rules, rule);
                if (at < 0) return false;
                _rules = _rules.Where((_, i) => i != at).ToArray();
                return true;
            }
        }

        public void Clear()
        {
            lock (_gate) _rules = Array.Empty<BodyFaultRule>();
        }

        /// <summary>Adds <paramref name="rule"/> until the result is disposed: <c>using (host.BodyFaults.Use(rule)) { … }</c>.</summary>
        public IDisposable Use(BodyFaultRule rule)
        {
            Add(rule);
            return new Removal(this, rule);
        }

        private sealed class Removal : IDisposable
        {
            private BodyFaultRules? _owner;
            private readonly BodyFaultRule _rule;

            public Removal(BodyFaultRules owner, BodyFaultRule rule) => (_owner, _rule) = (owner, rule);

            public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Remove(_rule);
        }
    }
}
