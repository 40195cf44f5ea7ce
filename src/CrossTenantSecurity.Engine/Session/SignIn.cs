using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.Session
{
    /// <summary>
    /// Signs in to the managing tenant: one ARM token proves the credential works, and its claims describe the
    /// sign-in (the token itself is neither stored nor logged).
    /// </summary>
    internal static class SignIn
    {
        /// <summary>Obtains the managing tenant's ARM token through the broker's credential and describes the sign-in.</summary>
        public static async Task<Context> SignInAsync(TokenBroker tokens, ConnectionOptions options, CancellationToken cancellationToken)
        {
            string scope = options.Environment.ResourceManagerAudience.TrimEnd('/') + "/.default";
            if (options.Method == AuthenticationMethod.AccessToken) CheckGivenTokens(options);
            AccessToken token;
            try
            {
                token = await tokens.CurrentCredential.GetTokenAsync(new TokenRequestContext(new[] { scope }, tenantId: options.TenantId?.ToString()), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (CredentialUnavailableException e)
            {
                throw new CrossTenantException("Credential.Unavailable", CrossTenantErrorKind.Authentication,
                    $"The {options.Method} sign-in is not available here: {TokenBroker.Describe(e)}", HintFor(options.Method), e);
            }
            catch (AuthenticationFailedException e) when (Unreachable(e, options.Environment.ActiveDirectoryAuthority) is CrossTenantException unreachable)
            {
                throw unreachable;
            }
            catch (AuthenticationFailedException e)
            {
                throw new CrossTenantException("Credential.SignInFailed", CrossTenantErrorKind.Authentication,
                    $"Sign-in to {options.Environment.Name} failed: {TokenBroker.Describe(e)}", HintFor(options.Method), e);
            }

            TokenClaims? claims = TokenClaims.TryRead(token.Token);
            Guid? tokenTenant = claims?.TenantId;
            if (options.TenantId is Guid wanted && tokenTenant is Guid actual && wanted != actual)
            {
                throw new CrossTenantException("Credential.TenantMismatch", CrossTenantErrorKind.Authentication,
                    $"The token was issued by tenant {actual}, not the requested managing tenant {wanted}.",
                    "Pass the token's own tenant as -TenantId, or obtain a token from the managing tenant.");
            }
            Guid tenant = options.TenantId ?? tokenTenant ?? throw new CrossTenantException("Context.TenantUnknown", CrossTenantErrorKind.InvalidArgument,
                "The managing tenant could not be read from the token.", "Pass -TenantId.");
            tokens.ManagingTenantId = tenant;
            RequireSameTenant(options.MicrosoftGraphAccessToken, "MicrosoftGraphAccessToken", tenant);
            RequireSameTenant(options.LogAnalyticsAccessToken, "LogAnalyticsAccessToken", tenant);

            string accountType = options.Method == AuthenticationMethod.ManagedIdentity ? "ManagedIdentity"
                : claims?.IsApplication == true || options.Method is AuthenticationMethod.ClientSecret or AuthenticationMethod.ClientCertificate or AuthenticationMethod.FederatedToken
                    ? "ServicePrincipal" : "User";
            string account = claims?.UserName ?? claims?.AppId ?? options.ClientId ?? claims?.ObjectId ?? "unknown";
            return new Context(account, accountType, tenant, options.Environment.Name, options.Method, claims?.ObjectId, token.ExpiresOn);
        }

                /// <summary>A token given beside -AccessToken serves the same signed-in tenant: one from another tenant is refused at once.</summary>
        private static void RequireSameTenant(string? token, string parameter, Guid tenant)
        {
            if (token is null || TokenClaims.TryRead(token)?.TenantId is not Guid issuer || issuer == tenant) return;
            throw new CrossTenantException("Credential.TenantMismatch", CrossTenantErrorKind.Authentication,
                $"The -{parameter} token was issued by tenant {issuer}, not the signed-in tenant {tenant}.",
                $"Pass a -{parameter} token from tenant {tenant}.");
        }

        private static void CheckGivenTokens(ConnectionOptions options)
        {
            DateTimeOffset now = (options.Time ?? TimeProvider.System).GetUtcNow();
            CloudEnvironment cloud = options.Environment;
            if (options.AccessToken is { Length: > 0 } arm) GivenToken.Check(arm, "AccessToken", cloud.GetEndpoint(CloudService.ResourceManager), cloud, now);
            if (options.MicrosoftGraphAccessToken is { Length: > 0 } graph)
                GivenToken.Check(graph, "MicrosoftGraphAccessToken", cloud.GetEndpoint(CloudService.MicrosoftGraph), cloud, now);
            if (options.LogAnalyticsAccessToken is { Length: > 0 } logs)
                GivenToken.Check(logs, "LogAnalyticsAccessToken", cloud.GetEndpoint(CloudService.LogAnalytics), cloud, now);
        }

        /// <summary>
        /// Entra not reached at all is not a wrong secret: an untrusted certificate or a refused connection says so,
        /// with a fix for the network rather than for the credential.
        /// </summary>
        private static CrossTenantException? Unreachable(Exception e, Uri authority)
        {
            // The transport's one reading of a request without an answer. A reset or cut-short answer from Entra counts as
            // not reached, as any HttpRequestException did here; a timeout stays a sign-in failure, as before.
            TransportFailure? failure = TransportFailure.Of(e, authority.Host, tries: 1);
            return failure?.Kind switch
            {
                ScopeFailureKind.TlsTrust => new CrossTenantException("Credential.TlsTrust", CrossTenantErrorKind.Connection,
                    failure.Message, failure.RecommendedAction, e),
                ScopeFailureKind.ConnectionFailed or ScopeFailureKind.Transient => new CrossTenantException("Credential.ConnectionFailed", CrossTenantErrorKind.Connection,
                    $"Sign-in to Entra ID at {authority} got no answer: {failure.Message}",
                    "Check the network and proxy, and the environment's ActiveDirectoryAuthority (Get-CtEnvironment).", e),
                _ => null,
            };
        }

        private static string HintFor(AuthenticationMethod method) => method switch
        {
            AuthenticationMethod.ClientSecret => "Check the application id, secret and tenant id.",
            AuthenticationMethod.ClientCertificate => "Check the application id, certificate and tenant id.",
            AuthenticationMethod.FederatedToken => "Check the federated credential configured on the app registration (issuer, subject, audience).",
            AuthenticationMethod.ManagedIdentity => "Run where a managed identity is assigned (Azure Automation, a VM, a container app).",
            AuthenticationMethod.AzureCli => "Run 'az login' first.",
            AuthenticationMethod.AccessToken => "Obtain a fresh token for Azure Resource Manager.",
            _ => "Try -UseDeviceAuthentication when no browser is available.",
        };
    }
}
