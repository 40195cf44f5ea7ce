using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace CrossTenantSecurity.Bench.Compare
{
    /// <summary>Samples this process's working set every 50 ms on its own thread and keeps the highest value; also its processor time.</summary>
    internal sealed class WorkingSetSampler : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;
        private readonly TimeSpan _startCpu;
        private long _peak;

        public WorkingSetSampler()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using (Process self = Process.GetCurrentProcess()) _startCpu = self.TotalProcessorTime;
            _thread = new Thread(Sample) { IsBackground = true, Name = "working-set-sampler" };
            _thread.Start();
        }

        /// <summary>Processor time this process used since the sampler started.</summary>
        public TimeSpan ProcessorTime
        {
            get
            {
                using Process self = Process.GetCurrentProcess();
                return self.TotalProcessorTime - _startCpu;
            }
        }

        /// <summary>Runs <paramref name="work"/> under a sampler: its result, the peak working set and the processor time it took.</summary>
        public static async Task<(T Result, long PeakMb, TimeSpan Cpu)> MeasureAsync<T>(Func<Task<T>> work)
        {
            using var sampler = new WorkingSetSampler();
            T result = await work().ConfigureAwait(false);
            return (result, sampler.PeakMegabytes, sampler.ProcessorTime);
        }

        public long PeakMegabytes => Interlocked.Read(ref _peak) / (1024 * 1024);

        private void Sample()
        {
            using Process self = Process.GetCurrentProcess();
            while (!_stop)
            {
                self.Refresh();
                long now = self.WorkingSet64;
                if (now > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, now);
                Thread.Sleep(50);
            }
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }
    }
}
