import TestSupport

/// An RSA key made for this test run (never committed), once per process.
enum TestKey {
    static let privateKeyPEM = GeneratedRSAKey.pem()
}
