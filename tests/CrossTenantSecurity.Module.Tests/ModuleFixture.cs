using System;
using System.Threading.Tasks;
using CrossTenantSecurity.Emulator;
using CrossTenantSecurity.Emulator.Certificates;

namespace CrossTenantSecurity.Module.Tests
{
    /// <summary>The sample estate in an in-process emulator, trusted through SSL_CERT_FILE like a user would.</summary>
    public sealed class ModuleFixture : IAsyncLifetime
    {
        public static readonly Guid Msp = Guid.Parse("11111111-1111-4111-8111-111111111111");
        public static readonly Guid Northwind = Guid.Parse("22222222-2222-4222-8222-222222222222");
        public static readonly Guid Tailspin = Guid.Parse("33333333-3333-4333-8333-333333333333");
        public static readonly Guid Woodgrove = Guid.Parse("44444444-4444-4444-8444-444444444444");
        public static readonly Guid Litware = Guid.Parse("55555555-5555-4555-8555-555555555555");

        public static readonly (string Tenant, string AppId, string Secret) Automation = (Msp.ToString(), "c0000000-0000-4000-8000-0000000000c1", "sample-only-automation-secret");
        public static readonly (string Tenant, string AppId, string Secret) Reporting = (Msp.ToString(), "c0000000-0000-4000-8000-0000000000c2", "sample-only-reporting-secret");
        public static readonly (string Tenant, string AppId, string Secret) LitwareOperator = (Litware.ToString(), "c0000000-0000-4000-8000-0000000000c5", "sample-only-litware-secret");
        public static readonly (string Tenant, string AppId, string Secret) TailspinAdmin = (Tailspin.ToString(), "c0000000-0000-4000-8000-0000000000c3", "sample-only-tailspin-secret");

        public EmulatorHost Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            ConflictingAzureCore.EnsureLoaded();
            TestConfigHome.Isolate();
            Host = await EmulatorHost.StartAsync(new EmulatorOptions { CertificateAuthority = PlatformTrust.ProcessAuthority });
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    [CollectionDefinition(Name)]
    public sealed class EmulatorCollection : ICollectionFixture<ModuleFixture>
    {
        public const string Name = "emulator";
    }

    /// <summary>
    /// Loads an older Azure.Core (1.36.0) into the default load context before the module is imported,
    /// as Az.Accounts does in a real session. The module must keep working beside it.
    /// </summary>
    internal static class ConflictingAzureCore
    {
        public static Version EnsureLoaded() => typeof(Azure.Core.AccessToken).Assembly.GetName().Version!;
    }
}
