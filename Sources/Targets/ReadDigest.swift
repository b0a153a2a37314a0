import Crypto

/// Digests of what a refresh read, so that a saved plan can tell whether the world moved.
enum ReadDigest {
    static func hex(_ hasher: SHA256) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in hasher.finalize() {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
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
