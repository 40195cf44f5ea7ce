using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator.Arm;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>Carries out a fault: an ARM error body, a reset, a hang, or half of the real response followed by a close or a hang.</summary>
    internal static class FaultInjector
    {
        public static async Task InjectAsync(HttpContext context, FaultDecision fault, RequestFacts request, RequestDelegate next, double timeScale)
        {
            switch (fault.Kind)
            {
                case FaultKind.InternalServerError:
                    await ArmErrors.Create(500, "InternalServerError",
                        $"Encountered internal server error. Diagnostic information: timestamp '{DateTime.UtcNow:yyyyMMddTHHmmssfffZ}', " +
                        $"subscription id '{request.SubscriptionId}', tracking id '{Guid.NewGuid()}', request correlation id '{CorrelationId(context)}'.")
                        .ExecuteAsync(context);
                    break;
                case FaultKind.BadGateway:
                    await ArmErrors.Create(502, "BadGateway", "The gateway received an invalid response from the upstream server.").ExecuteAsync(context);
                    break;
                case FaultKind.GatewayTimeout:
                    await ArmErrors.Create(504, "GatewayTimeout",
                        $"The gateway did not receive a response from '{Provider(context)}' within the specified time period.").ExecuteAsync(context);
                    break;
                case FaultKind.ServiceUnavailable:
                    RetryAfterHeaders.Apply(context.Response, fault.RetryAfter ?? TimeSpan.FromSeconds(1), timeScale);
                    await ArmErrors.Create(503, "ServiceUnavailable", "The service is currently unavailable. Please retry the request later.").ExecuteAsync(context);
                    break;
                case FaultKind.ConnectionReset:
                    context.Abort();
                    break;
                case FaultKind.Hang:
                    await HangAsync(context);
                    context.Abort();
                    break;
                case FaultKind.PartialBodyThenAbort:
                case FaultKind.PartialBodyThenHang:
                    await WritePartialAsync(context, next);
                    if (fault.Kind == FaultKind.PartialBodyThenHang)
                    {
                        await HangAsync(context);
                        context.Abort();
                    }
                    break;
                default:
                    await next(context);
                    break;
            }
        }

        /// <summary>Runs the real endpoint into a buffer, announces the full length, sends the first half.</summary>
        private static async Task WritePartialAsync(HttpContext context, RequestDelegate next) =>
            await WriteFirstHalfAsync(context, await RunIntoBufferAsync(context, next));

        /// <summary>The real endpoint's body, held back; its status and headers are set but nothing is sent yet.</summary>
        internal static async Task<byte[]> RunIntoBufferAsync(HttpContext context, RequestDelegate next)
        {
            Stream original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = original;
            }
            return buffer.ToArray();
        }

        /// <summary>
        /// Announces all of <paramref name="body"/> and sends half. Kestrel closes the connection itself when a response
        /// ends short of its Content-Length; an immediate Abort (RST) would make the client discard the half it already has.
        /// </summary>
        internal static async Task WriteFirstHalfAsync(HttpContext context, byte[] body)
        {
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }

        /// <summary>Waits until the client gives up or the emulator stops.</summary>
        internal static async Task HangAsync(HttpContext context)
        {
            CancellationToken stopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
            using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            try
            {
                await Task.Delay(Timeout.Infinite, either.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        private static string CorrelationId(HttpContext context) =>
            context.Request.Headers["x-ms-correlation-request-id"].FirstOrDefault() ?? Guid.NewGuid().ToString();

        private static string Provider(HttpContext context)
        {
            string[] segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
            int at = Array.FindLastIndex(segments, s => s.Equals("providers", StringComparison.OrdinalIgnoreCase));
            return at >= 0 && at + 1 < segments.Length ? segments[at + 1] : "Microsoft.Resources";
        }
    }
}
