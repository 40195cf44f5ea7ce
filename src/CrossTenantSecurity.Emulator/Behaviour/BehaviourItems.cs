using System;
using Microsoft.AspNetCore.Http;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>Per-request notes shared through HttpContext.Items: the outcome for the request log, and rows an endpoint returned.</summary>
    internal static class BehaviourItems
    {
        private const string OutcomeKey = "ct.behaviour.outcome";
        private const string LatencyKey = "ct.behaviour.latency";
        private const string RowsKey = "ct.behaviour.rows";

        public static void SetOutcome(HttpContext context, string outcome) => context.Items[OutcomeKey] = outcome;

        public static string? Outcome(HttpContext context) => context.Items[OutcomeKey] as string;

        public static void AddLatency(HttpContext context, TimeSpan latency) => context.Items[LatencyKey] = InjectedLatency(context) + latency;

        public static TimeSpan InjectedLatency(HttpContext context) => context.Items[LatencyKey] is TimeSpan t ? t : TimeSpan.Zero;

        /// <summary>The Resource Graph endpoint calls this before writing a page, so latency can add its per-row cost.</summary>
        public static void SetReturnedRows(HttpContext context, int rows) => context.Items[RowsKey] = rows;

        public static int ReturnedRows(HttpContext context) => context.Items[RowsKey] is int rows ? rows : 0;
    }
}
