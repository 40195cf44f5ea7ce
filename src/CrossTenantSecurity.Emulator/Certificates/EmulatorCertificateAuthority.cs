using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CrossTenantSecurity.Emulator.Certificates
{
    /// <summary>
    /// A throw-away certificate authority made at start, or one kept in a folder and reused (a process reads
    /// its trust store once, so a test run that starts many emulators trusts one CA). Its certificate is
    /// written to a PEM file that clients trust through the platform store (SSL_CERT_FILE on Linux); it
    /// issues the loopback server certificate. Nothing ever turns certificate validation off.
    /// </summary>
    public sealed class EmulatorCertificateAuthority : IDisposable
    {
        private readonly X509Certificate2 _authority;

        public const string CertificateFileName = "emulator-ca.pem";
        public const string KeyFileName = "emulator-ca.key.pem";

        private EmulatorCertificateAuthority(X509Certificate2 authority, string certificatePath, bool persistent)
        {
            _authority = authority;
            CertificatePath = certificatePath;
            IsPersistent = persistent;
        }

        /// <summary>PEM file with the authority's certificate (no private key).</summary>
        public string CertificatePath { get; }

        /// <summary>True for an authority kept in its folder for reuse; a throw-away one deletes its file when disposed.</summary>
        public bool IsPersistent { get; }

        /// <summary>A new authority whose certificate file lives only as long as this object.</summary>
        public static EmulatorCertificateAuthority Create(string directory)
        {
            Directory.CreateDirectory(directory);
            RSA key = RSA.Create(2048); // kept alive: the authority signs with it for its whole life
            X509Certificate2 authority = CreateSelfSigned(key);
            string path = Path.Combine(directory, CertificateFileName);
            File.WriteAllText(path, authority.ExportCertificatePem() + "\n");
            return new EmulatorCertificateAuthority(authority, path, persistent: false);
        }

        /// <summary>
        /// The authority kept in <paramref name="directory"/>, made there first if absent (its key is written
        /// beside it: sandbox-only, readable by the owner alone). Kept when disposed, so later emulators reuse it.
        /// </summary>
        public static EmulatorCertificateAuthority OpenOrCreate(string directory)
        {
            Directory.CreateDirectory(directory);
            string certificatePath = Path.Combine(directory, CertificateFileName);
            string keyPath = Path.Combine(directory, KeyFileName);
            if (File.Exists(certificatePath) && File.Exists(keyPath))
            {
                X509Certificate2 existing = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
                if (existing.NotAfter > DateTime.Now.AddDays(1)) return new EmulatorCertificateAuthority(existing, certificatePath, persistent: true);
                existing.Dispose();
            }
            RSA key = RSA.Create(2048); // kept alive: the authority signs with it for its whole life
            X509Certificate2 authority = CreateSelfSigned(key);
            WriteOwnerOnly(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
            File.WriteAllText(certificatePath, authority.ExportCertificatePem() + "\n");
            return new EmulatorCertificateAuthority(authority, certificatePath, persistent: true);
        }

        private static X509Certificate2 CreateSelfSigned(RSA key)
        {
            var request = new CertificateRequest("CN=CrossTenantSecurity Emulator Root, O=CrossTenantSecurity", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            DateTimeOffset now = DateTimeOffset.UtcNow;
            return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));
        }

        private static void WriteOwnerOnly(string path, string content)
        {
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            using var writer = new StreamWriter(stream);
            writer.Write(content);
        }

        /// <summary>A server certificate for localhost, 127.0.0.1 and ::1, signed by this authority.</summary>
        public X509Certificate2 IssueServerCertificate()
        {
            using RSA key = RSA.Create(2048);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            names.AddIpAddress(IPAddress.IPv6Loopback);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_authority, true, false));

            byte[] serial = new byte[16];
            RandomNumberGenerator.Fill(serial);
            serial[0] &= 0x7F;
            DateTimeOffset now = DateTimeOffset.UtcNow;
            using X509Certificate2 issued = request.Create(_authority, now.AddMinutes(-5), now.AddDays(29), serial);
            // Re-import with the key as PKCS#12 so the server can use it on every platform.
            return X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(key).Export(X509ContentType.Pkcs12), null);
        }

        public void Dispose()
        {
            _authority.Dispose();
            if (!IsPersistent) TryDelete(CertificatePath);
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
                string? directory = Path.GetDirectoryName(path);
                if (directory is not null && Directory.Exists(directory) && Directory.GetFileSystemEntries(directory).Length == 0) Directory.Delete(directory);
            }
            catch (IOException)
            {
                // Best effort: a file someone holds open stays behind in the temp folder.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
