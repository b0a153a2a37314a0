public import Crypto

/// Feeds NUL-separated fields to a SHA-256 in large chunks. The digests of a plan see every
/// location; one `update` per field would cost more than the hashing itself.
public struct DigestFields {
    private var hasher = SHA256()
    private var buffer: [UInt8] = []

    public init() {
        buffer.reserveCapacity(Self.chunk)
    }

    private static let chunk = 1 << 16

    /// Feeds fields separated by NUL, so that ("ab", "c") and ("a", "bc") differ.
    public mutating func feed(_ fields: String...) {
        for var field in fields {
            field.withUTF8 { buffer.append(contentsOf: $0) }
            buffer.append(0)
        }
        if buffer.count >= Self.chunk { flush() }
    }

    public mutating func finalize() -> SHA256.Digest {
        flush()
        return hasher.finalize()
    }

    private mutating func flush() {
        hasher.update(data: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
