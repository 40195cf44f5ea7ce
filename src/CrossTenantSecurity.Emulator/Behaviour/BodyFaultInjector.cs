using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>Carries out a body fault over HTTP, given the real endpoint's buffered answer (see BehaviourMiddleware).</summary>
    internal static class BodyFaultInjector
    {
        /// <summary>Identifies a read for seeded draws: method, path and query, and for a POST (Resource Graph) its body too.</summary>
        public static async Task<long> RequestKeyAsync(HttpContext context)
        {
            HttpRequest request = context.Request;
            string target = $"{request.Method} {request.Path}{request.QueryString}";
            if (!HttpMethods.IsPost(request.Method)) return SeededRandom.StableHash(target);
            // The endpoint reads the body after us.
            request.EnableBuffering();
            using var reader = new StreamReader(request.Body, leaveOpen: true);
            string body = await reader.ReadToEndAsync(context.RequestAborted);
            request.Body.Position = 0;
            return SeededRandom.StableHash(target + "\n" + body);
        }

        /// <summary>Sends <paramref name="kind"/> in place of <paramref name="real"/>, the endpoint's 200 answer (buffered, headers set).</summary>
        public static async Task InjectAsync(HttpContext context, BodyFaultKind kind, byte[] real, PostureEndpoint endpoint, int seed, long requestKey)
        {
            switch (kind)
            {
                case BodyFaultKind.ResetMidBody:
                    await FaultInjector.WriteFirstHalfAsync(context, real);
                    break;
                case BodyFaultKind.Hang:
                    await FaultInjector.HangAsync(context);
                    context.Abort();
                    break;
                default:
                    string listProperty = endpoint == PostureEndpoint.ResourceGraph ? "data" : "value";
                    var (body, contentType) = BodyFaultBodies.For(kind, real, listProperty, seed, requestKey);
                    if (contentType is not null) context.Response.ContentType = contentType;
                    await SendAsync(context, body);
                    break;
            }
        }

        /// <summary>Sends a buffered body as it is, e.g. an endpoint's error that a body fault leaves alone.</summary>
        public static async Task SendAsync(HttpContext context, byte[] body)
        {
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }
}
