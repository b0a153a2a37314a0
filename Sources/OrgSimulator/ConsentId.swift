import Crypto
import Foundation

/// The id of a consent page: the capability that lets whoever holds the URL log in and press
/// Allow, so it must be unguessable. 32 random bytes from the system's secure generator, written
/// as 43 URL-safe base64 characters (256 bits; the contract asks for at least 32 characters).
enum ConsentId {
    static let byteCount = 32

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// What the consent history keys ids by: an id issued earlier is recognised without being
    /// kept in clear once it no longer opens a page.
    static func hash(_ id: String) -> Data {
        Data(SHA256.hash(data: Data(id.utf8)))
    }

    /// Compares in time independent of where the two differ, as a capability check should.
    static func equal(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8), b = Array(right.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
