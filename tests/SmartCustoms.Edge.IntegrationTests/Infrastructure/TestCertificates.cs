using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmartCustoms.Edge.IntegrationTests.Infrastructure;

/// <summary>
/// A throw-away CA with a broker certificate (for 127.0.0.1) and a client certificate, written as PEM files,
/// so TLS with client certificates can be tested without openssl or anything from outside.
/// </summary>
public sealed class TestCertificates
{
    private TestCertificates(string folder)
    {
        CaPath = Path.Combine(folder, "ca.pem");
        ServerCertPath = Path.Combine(folder, "server.pem");
        ServerKeyPath = Path.Combine(folder, "server.key");
        ClientCertPath = Path.Combine(folder, "client.pem");
        ClientKeyPath = Path.Combine(folder, "client.key");
    }

    public string CaPath { get; }

    public string ServerCertPath { get; }

    public string ServerKeyPath { get; }

    public string ClientCertPath { get; }

    public string ClientKeyPath { get; }

    public static TestCertificates Create(string folder, string clientName)
    {
        Directory.CreateDirectory(folder);
        var files = new TestCertificates(folder);
        var notBefore = DateTimeOffset.UtcNow.AddHours(-1);
        var notAfter = DateTimeOffset.UtcNow.AddDays(1);

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=SmartCustoms test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter);
        File.WriteAllText(files.CaPath, ca.ExportCertificatePem());

        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        Issue(ca, "CN=127.0.0.1", "1.3.6.1.5.5.7.3.1", san.Build(), notBefore, notAfter, files.ServerCertPath,
            files.ServerKeyPath, serial: 2);
        Issue(ca, "CN=" + clientName, "1.3.6.1.5.5.7.3.2", null, notBefore, notAfter, files.ClientCertPath,
            files.ClientKeyPath, serial: 3);
        return files;
    }

    private static void Issue(X509Certificate2 ca, string subject, string usageOid, X509Extension? san,
        DateTimeOffset notBefore, DateTimeOffset notAfter, string certPath, string keyPath, byte serial)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (san is not null)
        {
            request.CertificateExtensions.Add(san);
        }

        using var certificate = request.Create(ca, notBefore, notAfter, [serial, 0x5c]);
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
    }
}
