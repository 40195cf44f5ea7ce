using System;
using System.Collections.Generic;
using System.Linq;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;
using CrossTenantSecurity.Engine.Transport;

namespace CrossTenantSecurity.Engine.Session
{
    /// <summary>Turns Azure-free <see cref="ConnectionOptions"/> into one Azure.Identity credential.</summary>
    internal static class CredentialFactory
    {
        public static TokenCredential Create(ConnectionOptions options) => Create(options, Array.Empty<Guid>());

        /// <summary>The credential, allowed to request tokens in <paramref name="additionallyAllowedTenants"/> besides its own tenant.</summary>
        public static TokenCredential Create(ConnectionOptions options, IReadOnlyCollection<Guid> additionallyAllowedTenants)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            string? tenant = options.TenantId?.ToString();
            Uri authority = options.Environment.ActiveDirectoryAuthority;
            bool custom = !options.Environment.IsBuiltIn;

            switch (options.Method)
            {
                case AuthenticationMethod.ClientSecret:
                    return new ClientSecretCredential(
                        Require(tenant, "TenantId"), Require(options.ClientId, "ApplicationId"), Require(options.ClientSecret, "client secret"),
                        Configure(new ClientSecretCredentialOptions(), options, authority, custom, additionallyAllowedTenants));

                case AuthenticationMethod.ClientCertificate:
                    return new ClientCertificateCredential(
                        Require(tenant, "TenantId"), Require(options.ClientId, "ApplicationId"), LoadCertificate(options),
                        Configure(new ClientCertificateCredentialOptions { SendCertificateChain = true }, options, authority, custom, additionallyAllowedTenants));

                case AuthenticationMethod.FederatedToken:
                    string assertion = Require(options.FederatedToken, "FederatedToken");
                    return new ClientAssertionCredential(
                        Require(tenant, "TenantId"), Require(options.ClientId, "ApplicationId"), () => assertion,
                        Configure(new ClientAssertionCredentialOptions(), options, authority, custom, additionallyAllowedTenants));

                case AuthenticationMethod.ManagedIdentity:
                    return CreateManagedIdentity(options);

                case AuthenticationMethod.AccessToken:
                    string token = Require(options.AccessToken, "AccessToken");
                    TimeProvider time = options.Time ?? TimeProvider.System;
                    DateTimeOffset expires = TokenClaims.TryRead(token)?.ExpiresOn ?? time.GetUtcNow().AddHours(1);
                    return new StaticTokenCredential(token, expires, time);

                case AuthenticationMethod.AzureCli:
                    var cli = new AzureCliCredentialOptions { TenantId = tenant, AuthorityHost = authority };
                    foreach (Guid allowed in additionallyAllowedTenants) cli.AdditionallyAllowedTenants.Add(allowed.ToString());
                    return new AzureCliCredential(cli);

                case AuthenticationMethod.DeviceCode:
                    return new DeviceCodeCredential(Configure(new DeviceCodeCredentialOptions
                    {
                        TenantId = tenant ?? "organizations",
                        ClientId = options.ClientId ?? KnownClients.AzurePowerShell,
                        DeviceCodeCallback = (code, _) =>
                        {
                            options.DeviceCodePrompt?.Invoke(code.Message);
                            return System.Threading.Tasks.Task.CompletedTask;
                        },
                    }, options, authority, custom, additionallyAllowedTenants));

                case AuthenticationMethod.InteractiveBrowser:
                    return new InteractiveBrowserCredential(Configure(new InteractiveBrowserCredentialOptions
                    {
                        TenantId = tenant ?? "organizations",
                        ClientId = options.ClientId ?? KnownClients.AzurePowerShell,
                    }, options, authority, custom, additionallyAllowedTenants));

                default:
                    throw new ArgumentOutOfRangeException(nameof(options), options.Method, "Unknown authentication method.");
            }
        }

        private static TokenCredential CreateManagedIdentity(ConnectionOptions options)
        {
            ManagedIdentityId id =
                options.ManagedIdentityResourceId is { Length: > 0 } resourceId ? ManagedIdentityId.FromUserAssignedResourceId(new ResourceIdentifier(resourceId)) :
                options.ClientId is { Length: > 0 } clientId ? ManagedIdentityId.FromUserAssignedClientId(clientId) :
                ManagedIdentityId.SystemAssigned;
            var managedIdentityOptions = new ManagedIdentityCredentialOptions(id) { AuthorityHost = options.Environment.ActiveDirectoryAuthority };
            managedIdentityOptions.AddPolicy(new HttpTracePolicy("Sign-in", options.Time), HttpPipelinePosition.PerRetry);
            return new ManagedIdentityCredential(managedIdentityOptions);
        }

        internal static T Configure<T>(T credentialOptions, ConnectionOptions options, Uri authority, bool customCloud,
            IReadOnlyCollection<Guid>? additionallyAllowedTenants = null)
            where T : TokenCredentialOptions
        {
            // Exactly the tenants asked for: never "*", so a token is never silently issued by a tenant nobody named.
            IList<string>? allowed = credentialOptions switch
            {
                ClientSecretCredentialOptions o => o.AdditionallyAllowedTenants,
                ClientCertificateCredentialOptions o => o.AdditionallyAllowedTenants,
                ClientAssertionCredentialOptions o => o.AdditionallyAllowedTenants,
                DeviceCodeCredentialOptions o => o.AdditionallyAllowedTenants,
                InteractiveBrowserCredentialOptions o => o.AdditionallyAllowedTenants,
                _ => null,
            };
            foreach (Guid tenant in additionallyAllowedTenants ?? Array.Empty<Guid>()) allowed?.Add(tenant.ToString());
            credentialOptions.AuthorityHost = authority;
            credentialOptions.AddPolicy(new HttpTracePolicy("Sign-in", options.Time), HttpPipelinePosition.PerRetry);
            credentialOptions.Retry.MaxRetries = options.MaxRetries;
            credentialOptions.Retry.NetworkTimeout = options.NetworkTimeout;
            // Instance discovery asks login.microsoftonline.com about the authority; a custom cloud
            // (Azure Stack, an emulator) is not known there, so discovery must be off for it.
            if (customCloud)
            {
                switch (credentialOptions)
                {
                    case ClientSecretCredentialOptions o: o.DisableInstanceDiscovery = true; break;
                    case ClientCertificateCredentialOptions o: o.DisableInstanceDiscovery = true; break;
                    case ClientAssertionCredentialOptions o: o.DisableInstanceDiscovery = true; break;
                    case DeviceCodeCredentialOptions o: o.DisableInstanceDiscovery = true; break;
                    case InteractiveBrowserCredentialOptions o: o.DisableInstanceDiscovery = true; break;
                }
            }
            return credentialOptions;
        }

        private static X509Certificate2 LoadCertificate(ConnectionOptions options)
        {
            if (options.CertificatePath is { Length: > 0 } path)
            {
                if (!File.Exists(path))
                    throw new CrossTenantException("Credential.CertificateNotFound", CrossTenantErrorKind.InvalidArgument,
                        $"The certificate file '{path}' does not exist.");
                return new X509Certificate2(path, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
            }

            string thumbprint = Require(options.CertificateThumbprint, "CertificateThumbprint or CertificatePath");
            foreach (StoreLocation location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
            {
                using var store = new X509Store(StoreName.My, location);
                try { store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly); }
                catch (System.Security.Cryptography.CryptographicException) { continue; }
                X509Certificate2Collection found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
                if (found.Count > 0) return found[0];
            }
            throw new CrossTenantException("Credential.CertificateNotFound", CrossTenantErrorKind.InvalidArgument,
                $"No certificate with thumbprint '{thumbprint}' is in the CurrentUser or LocalMachine 'My' store.");
        }

        private static string Require(string? value, string what) =>
            string.IsNullOrEmpty(value)
                ? throw new CrossTenantException("Credential.MissingArgument", CrossTenantErrorKind.InvalidArgument, $"This sign-in method needs {what}.")
                : value!;
    }
}
