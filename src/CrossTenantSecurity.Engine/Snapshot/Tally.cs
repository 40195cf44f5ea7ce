using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Engine.Snapshot
{
    /// <summary>Counts by severity while rows stream past (Informational and Unknown count as Other).</summary>
    internal struct Tally
    {
        public int High, Medium, Low, Other;

        public void Add(Severity severity)
        {
            if (severity == Severity.High) High++;
            else if (severity == Severity.Medium) Medium++;
            else if (severity == Severity.Low) Low++;
            else Other++;
        }

        public void Add(SeverityCounts counts)
        {
            High += counts.High;
            Medium += counts.Medium;
            Low += counts.Low;
            Other += counts.Other;
        }

        public readonly SeverityCounts ToCounts() => new SeverityCounts(High, Medium, Low, Other);
    }
}
