/// Appending JSON text as UTF-8 bytes: strings are scanned and copied through their contiguous
/// UTF-8 storage, so a page of records costs a few memory copies per field, not Character work.
enum JSONBytes {
    @inline(__always)
    static func append(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Appends `s` as a JSON string, quotes included, escaped as `JSONValue` escapes it.
    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        appendContents(s, to: &out)
        out.append(0x22)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// Appends `s` escaped for the inside of a JSON string: `"` and `\` backslashed, other
    /// control characters as `\u00XX` (what `JSONValue.serialized()` writes).
    static func appendContents(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { bytes in
            var plain = 0
            for i in 0..<bytes.count {
                let b = bytes[i]
                guard b == 0x22 || b == 0x5C || b < 0x20 else { continue }
                if plain < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain..<i])) }
                out.append(0x5C)
                switch b {
                case 0x22, 0x5C: out.append(b)
                default:
                    out.append(contentsOf: [0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
                plain = i + 1
            }
            if plain == 0 {
                out.append(contentsOf: bytes)
            } else if plain < bytes.count {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain...]))
            }
        }
    }

    /// Bytes of `s` as a JSON string's contents.
    static func escapedContents(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        appendContents(s, to: &out)
        return out
    }
}
