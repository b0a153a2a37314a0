/// libyaml reads UTF-16 with a byte order mark, but then its marks no longer match our line
/// display, which works on UTF-8. Transcoding up front keeps one encoding everywhere.
enum UTF16Transcoder {
    static func utf8(from source: SourceText) -> SourceText {
        let bytes = source.bytes
        guard bytes.count >= 2 else { return source }
        let littleEndian: Bool
        switch (bytes[0], bytes[1]) {
        case (0xFF, 0xFE): littleEndian = true
        case (0xFE, 0xFF): littleEndian = false
        default: return source
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let (a, b) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            index += 2
        }
        return SourceText(path: source.path, text: String(decoding: units, as: UTF16.self))
    }
}
