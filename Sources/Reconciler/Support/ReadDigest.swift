public import Crypto

/// A digest of everything a refresh read that does not depend on the order it was read in:
/// each object's fields are hashed alone (SHA-256, NUL-separated) and the hashes are added as
/// 256-bit numbers (a multiset hash). A REST target reads pages in the server's order, the
/// embedded one in index order; both give the same digest for the same org.
public struct ReadDigest: Sendable {
    /// The running sum, four 64-bit limbs, least significant first.
    private var sum: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var count: UInt64 = 0
    private var scratch: [UInt8] = []

    public init() {
        scratch.reserveCapacity(256)
    }

    /// Adds one object (its kind first by convention: "setting", "owner", "link", ...).
    public mutating func add(_ fields: String...) {
        add(fields)
    }

    public mutating func add(_ fields: [String]) {
        scratch.removeAll(keepingCapacity: true)
        for var field in fields {
            field.withUTF8 { scratch.append(contentsOf: $0) }
            scratch.append(0)
        }
        let digest = SHA256.hash(data: scratch)
        digest.withUnsafeBytes { raw in
            func limb(_ index: Int) -> UInt64 {
                UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
            }
            var carry: UInt64 = 0
            (sum.0, carry) = Self.add(sum.0, limb(0), carry)
            (sum.1, carry) = Self.add(sum.1, limb(1), carry)
            (sum.2, carry) = Self.add(sum.2, limb(2), carry)
            (sum.3, _) = Self.add(sum.3, limb(3), carry)
        }
        count &+= 1
    }

    /// Adds another digest's objects (a second port's read).
    public mutating func merge(_ other: ReadDigest) {
        var carry: UInt64 = 0
        (sum.0, carry) = Self.add(sum.0, other.sum.0, carry)
        (sum.1, carry) = Self.add(sum.1, other.sum.1, carry)
        (sum.2, carry) = Self.add(sum.2, other.sum.2, carry)
        (sum.3, _) = Self.add(sum.3, other.sum.3, carry)
        count &+= other.count
    }

    /// Hex of SHA-256 over the sum and the number of objects.
    public var hex: String {
        var bytes: [UInt8] = []
        for limb in [sum.0, sum.1, sum.2, sum.3, count] {
            for byte in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: limb >> (8 * UInt64(byte)))) }
        }
        return Hex.encode(SHA256.hash(data: bytes))
    }

    private static func add(_ a: UInt64, _ b: UInt64, _ carry: UInt64) -> (UInt64, UInt64) {
        let (partial, overflow1) = a.addingReportingOverflow(b)
        let (result, overflow2) = partial.addingReportingOverflow(carry)
        return (result, (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0))
    }
}
