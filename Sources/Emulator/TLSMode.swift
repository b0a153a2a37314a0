/// How the emulator speaks: plain HTTP, TLS with a certificate from its own CA (written to
/// `ca.pem` in the data directory), or TLS with a certificate and key the caller provides.
public enum TLSMode: Sendable, Hashable {
    case none
    case selfSigned
    case files(certificate: String, key: String)
}
