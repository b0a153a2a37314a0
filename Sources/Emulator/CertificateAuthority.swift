import Crypto
import Foundation
import SwiftASN1
import X509

/// The emulator's own certificate authority for `--tls-self-signed`: a P-256 CA kept in the data
/// directory (`ca.pem`, and `ca-key.pem` owner-only) so a client's CA file stays valid across
/// restarts, and a fresh server certificate per start for 127.0.0.1, ::1 and localhost.
struct CertificateAuthority {
    let certificate: Certificate
    let key: P256.Signing.PrivateKey

    static let certificateFile = "ca.pem"
    static let keyFile = "ca-key.pem"

    /// Loads the CA of `directory`, creating it on first use.
    static func load(directory: String) throws -> CertificateAuthority {
        let certificatePath = directory + "/" + certificateFile
        let keyPath = directory + "/" + keyFile
        if let certificatePEM = try PrivateFile.read(certificatePath), let keyPEM = try PrivateFile.read(keyPath) {
            let certificate = try Certificate(pemEncoded: certificatePEM)
            let key = try P256.Signing.PrivateKey(pemRepresentation: keyPEM)
            // A CA that expires soon, or whose key no longer matches, is replaced.
            if certificate.notValidAfter > Date().addingTimeInterval(86_400),
               certificate.publicKey == Certificate.PublicKey(key.publicKey) {
                return CertificateAuthority(certificate: certificate, key: key)
            }
        }
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            OrganizationName("vccctl")
            CommonName("vccctl emulator local CA")
        }
        let publicKey = Certificate.PublicKey(key.publicKey)
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey,
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(10 * 365 * 86_400),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: publicKey)
            },
            issuerPrivateKey: Certificate.PrivateKey(key))
        // The key first: a certificate without its key would be replaced on the next start anyway.
        try PrivateFile.write(key.pemRepresentation, to: keyPath)
        try PrivateFile.write(try certificate.serializeAsPEM().pemString, to: certificatePath)
        return CertificateAuthority(certificate: certificate, key: key)
    }

    /// A server certificate for the loopback names, valid for a week, and its key (both PEM).
    func issueServerCertificate() throws -> (certificatePEM: String, keyPEM: String) {
        let key = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(key.publicKey)
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey,
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(7 * 86_400),
            issuer: self.certificate.subject,
            subject: try DistinguishedName { CommonName("localhost") },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectKeyIdentifier(hash: publicKey)
                if let authorityKey = try self.certificate.extensions.subjectKeyIdentifier {
                    AuthorityKeyIdentifier(keyIdentifier: authorityKey.keyIdentifier)
                }
                SubjectAlternativeNames([
                    .dnsName("localhost"),
                    .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
                    .ipAddress(ASN1OctetString(contentBytes: ArraySlice([UInt8](repeating: 0, count: 15) + [1]))),
                ])
            },
            issuerPrivateKey: Certificate.PrivateKey(self.key))
        return (try certificate.serializeAsPEM().pemString, key.pemRepresentation)
    }
}
