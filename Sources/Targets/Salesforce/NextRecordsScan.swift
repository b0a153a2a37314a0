/// Finds a query page's `nextRecordsUrl` in the raw answer without parsing it, so the next page
/// can be requested while this one is parsed. Only a hint: the parsed page decides, and a hint
/// that disagrees with it is dropped.
enum NextRecordsScan {
    private static let key = Array(#""nextRecordsUrl":""#.utf8)

    /// The value, when it is a plain string (no escapes) starting with `/`.
    static func path(in body: [UInt8]) -> String? {
        guard body.count > key.count else { return nil }
        var index = 0
        let last = body.count - key.count
        while index <= last {
            if body[index] == key[0], body[index..<index + key.count].elementsEqual(key) {
                let start = index + key.count
                var end = start
                while end < body.count, body[end] != UInt8(ascii: "\""), body[end] != UInt8(ascii: "\\") { end += 1 }
                guard end < body.count, body[end] == UInt8(ascii: "\""), end > start, body[start] == UInt8(ascii: "/") else {
                    return nil
                }
                return String(decoding: body[start..<end], as: UTF8.self)
            }
            index += 1
        }
        return nil
    }
}
