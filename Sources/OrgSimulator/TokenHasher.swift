import Crypto
import Foundation

/// Salted SHA-256 of an API token: the simulated org can check a token but never reveal it.
enum TokenHasher {
    static let saltLength = 16

    static func makeSalt() -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<saltLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    static func hash(_ token: String, salt: Data) -> Data {
        var hasher = SHA256()
        hasher.update(data: salt)
        hasher.update(data: Data(token.utf8))
        return Data(hasher.finalize())
    }

    /// Compares in time independent of where the digests differ, as a token check should.
    static func matches(_ token: String, salt: Data, hash expected: Data) -> Bool {
        let actual = hash(token, salt: salt)
        guard actual.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(actual, expected) {
            difference |= left ^ right
        }
        return difference == 0
    }
}
