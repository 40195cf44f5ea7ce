using System;
using System.IO;
using System.Runtime.InteropServices;

namespace CrossTenantSecurity.Emulator.Certificates
{
    /// <summary>
    /// Makes this process trust the emulator's certificate authority through the platform store, the same
    /// way a user does with SSL_CERT_FILE. On Linux, .NET reads the variable natively when it first builds a
    /// certificate chain, so it is set with setenv before any TLS connection is made. Validation stays on.
    /// </summary>
    public static class PlatformTrust
    {
        public const string Variable = "SSL_CERT_FILE";

        [DllImport("libc", SetLastError = true, EntryPoint = "setenv")]
        private static extern int NativeSetEnv(string name, string value, int overwrite);

        /// <summary>Writes a bundle of the system roots plus the emulator CA, and points SSL_CERT_FILE at it.</summary>
        public static string TrustAuthority(string authorityPemPath, string bundleDirectory)
        {
            Directory.CreateDirectory(bundleDirectory);
            string bundle = Path.Combine(bundleDirectory, "ca-bundle-with-emulator.pem");
            string system = new[] { Environment.GetEnvironmentVariable(Variable), "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt" }
                is var candidates ? Array.Find(candidates, c => !string.IsNullOrEmpty(c) && File.Exists(c) && c != bundle) ?? string.Empty : string.Empty;
            string content = (system.Length > 0 ? File.ReadAllText(system) + "\n" : string.Empty) + File.ReadAllText(authorityPemPath);
            File.WriteAllText(bundle, content);
            Set(bundle);
            return bundle;
        }

        private static readonly Lazy<EmulatorCertificateAuthority> Shared = new(() =>
        {
            string directory = Path.Combine(Path.GetTempPath(), "ctemulator-trust-" + Environment.ProcessId);
            EmulatorCertificateAuthority authority = EmulatorCertificateAuthority.Create(directory);
            TrustAuthority(authority.CertificatePath, directory);
            return authority;
        });

        /// <summary>
        /// One authority for this whole process, already trusted. Every emulator started in the process
        /// (tests start many) should issue its server certificate from it: the trust store is read once.
        /// </summary>
        public static EmulatorCertificateAuthority ProcessAuthority => Shared.Value;

        public static void Set(string bundlePath)
        {
            Environment.SetEnvironmentVariable(Variable, bundlePath);
            if (!OperatingSystem.IsWindows()) NativeSetEnv(Variable, bundlePath, 1);
        }
    }
}
