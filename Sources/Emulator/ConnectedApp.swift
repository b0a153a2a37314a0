import _CryptoExtras
import Foundation
import X509

/// The emulator's connected app: a consumer key and client secret, and the certificate
/// registered for JWT bearer logins (self-signed, RSA-2048). Made on first start in
/// `DIR/connected-app/` and reused after, so scripts keep working across restarts.
/// `private-key.pem` is the key a test or demo signs its JWT assertions with.
struct ConnectedApp: Sendable {
    let consumerKey: String
    let clientSecret: String
    let certificatePEM: String
    let privateKeyPath: String

    static let directoryName = "connected-app"

    private struct Credentials: Codable {
        var consumer_key: String
        var client_secret: String
    }

    static func load(dataDirectory: String) throws -> ConnectedApp {
        let directory = dataDirectory + "/" + directoryName
        let keyPath = directory + "/private-key.pem"
        let certificatePath = directory + "/certificate.pem"
        let credentialsPath = directory + "/credentials.json"
        if let keyPEM = try PrivateFile.read(keyPath), let certificatePEM = try PrivateFile.read(certificatePath),
           let credentialsText = try PrivateFile.read(credentialsPath),
           let credentials = try? JSONDecoder().decode(Credentials.self, from: Data(credentialsText.utf8)),
           let key = try? _RSA.Signing.PrivateKey(pemRepresentation: keyPEM),
           let certificate = try? Certificate(pemEncoded: certificatePEM),
           certificate.publicKey == Certificate.PublicKey(key.publicKey) {
            return ConnectedApp(consumerKey: credentials.consumer_key, clientSecret: credentials.client_secret,
                                certificatePEM: certificatePEM, privateKeyPath: keyPath)
        }
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let name = try DistinguishedName {
            OrganizationName("vccctl")
            CommonName("vccctl emulator connected app")
        }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(10 * 365 * 86_400),
            issuer: name, subject: name, signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: Certificate.Extensions {}, issuerPrivateKey: Certificate.PrivateKey(key))
        let certificatePEM = try certificate.serializeAsPEM().pemString
        // Salesforce consumer keys start with 3MVG9; secrets are long digit strings.
        let credentials = Credentials(consumer_key: "3MVG9" + RandomText.base64URL(80).replacingOccurrences(of: "-", with: "."),
                                      client_secret: RandomText.digits(64))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try PrivateFile.write(key.pemRepresentation, to: keyPath)
        try PrivateFile.write(certificatePEM, to: certificatePath)
        try PrivateFile.write(String(decoding: try encoder.encode(credentials), as: UTF8.self) + "\n", to: credentialsPath)
        return ConnectedApp(consumerKey: credentials.consumer_key, clientSecret: credentials.client_secret,
                            certificatePEM: certificatePEM, privateKeyPath: keyPath)
    }
}
