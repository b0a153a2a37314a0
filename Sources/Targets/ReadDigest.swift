import Crypto
import Reconciler

/// Digests of what a refresh read, so that a saved plan can tell whether the world moved.
enum ReadDigest {
    static func hex(_ hasher: SHA256) -> String { Hex.encode(hasher.finalize()) }
}

extension SHA256 {
    /// Feeds fields separated by NUL, so that ("ab", "c") and ("a", "bc") differ.
    mutating func feed(_ fields: String...) {
        for field in fields {
            update(data: Array(field.utf8))
            update(data: [0])
        }
    }
}
