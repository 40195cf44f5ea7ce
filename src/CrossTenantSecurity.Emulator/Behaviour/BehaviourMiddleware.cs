using System;
using System.Linq;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>
    /// Makes the emulator behave like Azure under load. Runs after authentication, so the caller is known. Per request:
    /// classify, wait the sampled latency, apply throttling (429), then maybe inject a transient fault, else call the
    /// endpoint, whose 200 answer a body-fault rule may replace.
    /// </summary>
    internal sealed class BehaviourMiddleware
    {
        private readonly RequestDelegate _next;
        private readonly BehaviourEngine _engine;
        private readonly BehaviourCounters _counters;

        public BehaviourMiddleware(RequestDelegate next, EmulatorRuntime runtime)
        {
            _next = next;
            _engine = new BehaviourEngine(runtime.Options.Behaviour);
            _counters = runtime.Requests.Behaviour;
        }

        public async Task InvokeAsync(HttpContext context)
        {
            RequestFacts request = RequestFacts.From(context);
            if (request.Endpoint == EndpointClass.Other)
            {
                await _next(context);
                return;
            }
            long sequence = _engine.NextSequence();
            _counters.CountRequest(request.Endpoint);

            if (!await DelayAsync(context, request.Endpoint, _engine.Latency(request.Endpoint, sequence))) return;
            if (request.Endpoint == EndpointClass.ResourceGraph && _engine.Options.Latency)
            {
                context.Response.OnStarting(() => DelayAsync(context, request.Endpoint,
                    _engine.Options.Scale(LatencyShape.PerResourceGraphRow * BehaviourItems.ReturnedRows(context))));
            }

            Admission admission = _engine.Admit(request, sequence, CorrelationId(context));
            foreach (var (name, value) in admission.Headers) context.Response.Headers[name] = value;
            if (admission.RefusedBy is { } reason)
            {
                _counters.CountThrottled(request.Endpoint, reason);
                BehaviourItems.SetOutcome(context, "throttled:" + reason);
                await ThrottledResponse.WriteAsync(context, admission, _engine.Options.TimeScale);
                return;
            }

            FaultDecision fault = _engine.PickFault(request, sequence);
            if (fault.Kind != FaultKind.None)
            {
                _counters.CountFault(request.Endpoint, fault.Kind);
                BehaviourItems.SetOutcome(context, "fault:" + fault.Kind);
                await FaultInjector.InjectAsync(context, fault, request, _next, _engine.Options.TimeScale);
                return;
            }

            if (_engine.MayBodyFault(request))
            {
                long requestKey = await BodyFaultInjector.RequestKeyAsync(context);
                if (_engine.PickBodyFault(request, requestKey) is { } bodyFault)
                {
                    await InjectBodyFaultAsync(context, request, bodyFault, requestKey);
                    return;
                }
            }
            await _next(context);
        }

        /// <summary>
        /// The real endpoint answers first, so access checks and errors stay real: only a 200 is replaced (and counted);
        /// anything else goes out as it was.
        /// </summary>
        private async Task InjectBodyFaultAsync(HttpContext context, RequestFacts request, BodyFaultKind kind, long requestKey)
        {
            byte[] real = await FaultInjector.RunIntoBufferAsync(context, _next);
            if (context.Response.StatusCode != StatusCodes.Status200OK)
            {
                await BodyFaultInjector.SendAsync(context, real);
                return;
            }
            _counters.CountBodyFault(request.Endpoint, kind);
            BehaviourItems.SetOutcome(context, "bodyfault:" + kind);
            await BodyFaultInjector.InjectAsync(context, kind, real, request.Posture!.Value, _engine.Options.Seed, requestKey);
        }

        /// <summary>Waits on the configured clock; false when the client went away meanwhile.</summary>
        private async Task<bool> DelayAsync(HttpContext context, EndpointClass endpoint, TimeSpan latency)
        {
            if (latency <= TimeSpan.Zero) return true;
            _counters.AddLatency(endpoint, latency);
            BehaviourItems.AddLatency(context, latency);
            try
            {
                await Task.Delay(latency, _engine.Clock, context.RequestAborted);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        private static string CorrelationId(HttpContext context) =>
            context.Request.Headers["x-ms-correlation-request-id"].FirstOrDefault() ?? Guid.NewGuid().ToString();
    }
}
