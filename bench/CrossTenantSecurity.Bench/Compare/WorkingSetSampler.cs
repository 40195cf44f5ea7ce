using System;
using System.Diagnostics;
using System.Threading;

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
