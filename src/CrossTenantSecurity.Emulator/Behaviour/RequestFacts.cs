using System;
using System.Linq;
using CrossTenantSecurity.Emulator.Arm;
using Microsoft.AspNetCore.Http;

namespace CrossTenantSecurity.Emulator.Behaviour
{
    /// <summary>What behaviour decisions depend on: the endpoint, the operation, the scope and the caller (never the token).</summary>
    internal sealed record RequestFacts(
        EndpointClass Endpoint,
        ArmOperation Operation,
        string? SubscriptionId,
        Guid? CallerTenantId,
        Guid? CallerObjectId,
        string? SecurityAction,
        PostureEndpoint? Posture)
    {
        public static RequestFacts Create(string method, string path, Guid? callerTenantId, Guid? callerObjectId)
        {
            ArmOperation operation = EndpointClassifier.Operation(method);
            return new RequestFacts(EndpointClassifier.Classify(method, path), operation, EndpointClassifier.SubscriptionId(path),
                callerTenantId, callerObjectId, EndpointClassifier.SecurityAction(path, operation), EndpointClassifier.Posture(method, path));
        }

        /// <summary>Reads the caller ArmAuthenticationMiddleware attached, if any.</summary>
        public static RequestFacts From(HttpContext context)
        {
            ArmCaller? caller = context.Items.Values.OfType<ArmCaller>().FirstOrDefault();
            return Create(context.Request.Method, context.Request.Path.Value ?? "/", caller?.TenantId, caller?.Principal.ObjectId);
        }

        /// <summary>ARM-side requests: everything with a caller except the token endpoint.</summary>
        public bool IsArm => Endpoint is EndpointClass.ArmRead or EndpointClass.SecurityList or EndpointClass.ArmWrite or EndpointClass.ResourceGraph;
    }
}
