import Crypto

/// A salted HMAC-SHA256 of a token: enough to tell a changed token from an unchanged one, useless
/// for recovering it. State, plans and output hold this, never the token.
public struct TokenFingerprint: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Lowercase hex of the MAC.
    public let hex: String

    public init(hex: String) { self.hex = hex }

    public init(token: String, salt: [UInt8]) {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(token.utf8), using: SymmetricKey(data: salt))
        hex = Hex.encode(mac)
    }

    /// Short form for humans: `hmac:1a2b3c4d…`.
    public var description: String { "hmac:" + hex.prefix(12) + "…" }

    public init(from decoder: any Decoder) throws {
        hex = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
