using System;
using System.Collections.Generic;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>
    /// The throttling verdict for one request: headers to send either way and, when refused, the 429's code, message
    /// and Retry-After (already scaled; null means none is sent).
    /// </summary>
    internal sealed class Admission
    {
        public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);
        public ThrottleReason? RefusedBy { get; private set; }
        public string? Code { get; private set; }
        public string? Message { get; private set; }
        public TimeSpan? RetryAfter { get; private set; }

        public bool Allowed => RefusedBy is null;

        public void Refuse(ThrottleReason reason, string code, string message, TimeSpan? retryAfter)
        {
            RefusedBy = reason;
            Code = code;
            Message = message;
            RetryAfter = retryAfter;
        }
    }
}
