using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>
    /// Drives a <see cref="FakeTimeProvider"/>: every wait the engine makes is on it, so a test moves time itself and
    /// asserts on the manual clock, never on the wall clock. The short real pauses below only let the thread pool run
    /// the engine's continuations between steps; a step limit ends a test that would otherwise hang.
    /// </summary>
    internal static class ManualClock
    {
        private const int MaxSteps = 5000;

        public static DateTimeOffset Start { get; } = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

        public static FakeTimeProvider Create() => new(Start);

        /// <summary>Advances the clock by <paramref name="step"/> at a time until <paramref name="done"/> holds.</summary>
        public static async Task AdvanceUntilAsync(this FakeTimeProvider clock, Func<bool> done, TimeSpan step)
        {
            for (int i = 0; !done(); i++)
            {
                if (i == MaxSteps) throw new InvalidOperationException($"Still not done after {MaxSteps} steps of {step} on the manual clock.");
                clock.Advance(step);
                await Task.Delay(1).ConfigureAwait(false);
            }
        }

        /// <summary>Advances the clock until the work is over, then observes its outcome.</summary>
        public static async Task AdvanceUntilDoneAsync(this FakeTimeProvider clock, Task work, TimeSpan step)
        {
            await clock.AdvanceUntilAsync(() => work.IsCompleted, step).ConfigureAwait(false);
            await work.ConfigureAwait(false);
        }

        /// <summary>Waits, without moving the clock, for something other threads do at this moment of it.</summary>
        public static async Task WaitUntilAsync(Func<bool> condition)
        {
            for (int i = 0; !condition(); i++)
            {
                if (i == MaxSteps) throw new InvalidOperationException("The condition never held while the manual clock stood still.");
                await Task.Delay(1).ConfigureAwait(false);
            }
        }
    }
}
