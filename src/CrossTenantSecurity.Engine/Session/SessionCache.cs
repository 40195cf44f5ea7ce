using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Engine.Session
{
    /// <summary>
    /// Short-lived answers shared by every command of a session (the subscription list, a subscription's
    /// resource groups and permissions), so six commands in a row do not list the same things six times.
    /// Concurrent callers share one request; failures are not kept. Lifetimes run on the session's clock.
    /// </summary>
    internal sealed class SessionCache
    {
        public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(2);
        private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, Task<object> Value)> _entries = new(StringComparer.OrdinalIgnoreCase);
        private readonly TimeProvider _time;

        public SessionCache(TimeProvider time) => _time = time;

        public async Task<T> GetOrAddAsync<T>(string key, Func<Task<T>> load) where T : class
        {
            DateTimeOffset now = _time.GetUtcNow();
            var entry = _entries.AddOrUpdate(key,
                _ => (now + DefaultLifetime, Wrap(load)),
                (_, existing) => existing.Expires > now && !existing.Value.IsFaulted && !existing.Value.IsCanceled ? existing : (now + DefaultLifetime, Wrap(load)));
            try
            {
                return (T)await entry.Value.ConfigureAwait(false);
            }
            catch
            {
                _entries.TryRemove(key, out _);
                throw;
            }
        }

        public bool TryGet<T>(string key, out T? value) where T : class
        {
            value = null;
            if (!_entries.TryGetValue(key, out var entry) || entry.Expires <= _time.GetUtcNow() || !entry.Value.IsCompletedSuccessfully) return false;
            value = (T)entry.Value.Result;
            return true;
        }

        public void Set<T>(string key, T value) where T : class => _entries[key] = (_time.GetUtcNow() + DefaultLifetime, Task.FromResult<object>(value));

        private static async Task<object> Wrap<T>(Func<Task<T>> load) where T : class => await load().ConfigureAwait(false);
    }
}
