/// File names are bytes. vccctl handles a name as a Swift `String` only when it is valid UTF-8
/// (and holds no NUL); a name that is not is an error that shows its bytes, never dropped or
/// rewritten. This type turns bytes into that text.
public enum PathText {
    /// The name as text, or nil when the bytes are not valid UTF-8 or hold a NUL.
    public static func decode(_ bytes: some Collection<UInt8>) -> String? {
        guard !bytes.contains(0) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The bytes for messages: printable characters as they are, control characters and bytes
    /// that are not UTF-8 as `\xNN` (a terminal never interprets a name).
    public static func escaped(_ bytes: some Collection<UInt8>) -> String {
        var out = ""
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
            let end = bytes.index(index, offsetBy: max(length, 1), limitedBy: bytes.endIndex) ?? bytes.endIndex
            if length > 0, bytes.distance(from: index, to: end) == length,
               let text = String(validating: bytes[index..<end], as: UTF8.self),
               let scalar = text.unicodeScalars.first, !isControl(scalar) {
                out += text
                index = end
            } else {
                out += hex(lead)
                index = bytes.index(after: index)
            }
        }
        return out
    }

    /// A path already held as a String, with its control characters escaped.
    public static func escaped(_ path: String) -> String {
        escaped(Array(path.utf8))
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return "\\x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
    }
}
