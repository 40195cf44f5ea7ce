using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CrossTenantSecurity.Emulator.Certificates
{
    /// <summary>
    /// A throw-away certificate authority made at start. Its certificate is written to a PEM file that
    /// clients trust through the platform store (SSL_CERT_FILE on Linux); it issues the loopback server
    /// certificate. Nothing ever turns certificate validation off.
    /// </summary>
    public sealed class EmulatorCertificateAuthority : IDisposable
    {
        private readonly X509Certificate2 _authority;

        private EmulatorCertificateAuthority(X509Certificate2 authority, string certificatePath)
        {
            _authority = authority;
            CertificatePath = certificatePath;
        }

        /// <summary>PEM file with the authority's certificate (no private key).</summary>
        public string CertificatePath { get; }

        public static EmulatorCertificateAuthority Create(string directory)
        {
            Directory.CreateDirectory(directory);
            RSA key = RSA.Create(2048); // kept alive: the authority signs with it for its whole life
            var request = new CertificateRequest("CN=CrossTenantSecurity Emulator Root, O=CrossTenantSecurity", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            DateTimeOffset now = DateTimeOffset.UtcNow;
            X509Certificate2 authority = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));

            string path = Path.Combine(directory, "emulator-ca.pem");
            File.WriteAllText(path, authority.ExportCertificatePem() + "\n");
            return new EmulatorCertificateAuthority(authority, path);
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

        public void Dispose() => _authority.Dispose();
    }
}
