using System;

namespace CrossTenantSecurity
{
    /// <summary>The current sign-in: who, to which managing tenant, in which cloud.</summary>
    public sealed class Context
    {
        public Context(
            string account,
            string accountType,
            Guid tenantId,
            string environment,
            AuthenticationMethod authenticationMethod,
            string? objectId,
            DateTimeOffset? tokenExpiresOn)
        {
            Account = account;
            AccountType = accountType;
            TenantId = tenantId;
            Environment = environment;
            AuthenticationMethod = authenticationMethod;
            ObjectId = objectId;
            TokenExpiresOn = tokenExpiresOn;
        }

        /// <summary>User principal name, application (client) id, or managed identity id.</summary>
        public string Account { get; }
        /// <summary>User, ServicePrincipal or ManagedIdentity.</summary>
        public string AccountType { get; }
        /// <summary>The managing tenant every request is made from.</summary>
        public Guid TenantId { get; }
        public string Environment { get; }
        public AuthenticationMethod AuthenticationMethod { get; }
        /// <summary>Object id of the signed-in principal in the managing tenant (the token's oid claim).</summary>
        public string? ObjectId { get; }
        /// <summary>When the token obtained at sign-in expires; later tokens are refreshed automatically.</summary>
        public DateTimeOffset? TokenExpiresOn { get; }

        public override string ToString() => $"{Account} @ {TenantId} ({Environment})";
    }
}
