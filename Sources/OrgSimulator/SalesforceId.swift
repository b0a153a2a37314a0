/// Salesforce record Ids: 15 case-sensitive base-62 characters plus a 3-character case checksum.
enum SalesforceId {
    /// The key prefixes (first three characters) of the objects the simulator models.
    enum Prefix: String, CaseIterable {
        case org = "00D"
        case profile = "00e"
        case user = "005"
        case setting = "a0X"
    }

    private static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
    private static let checksumAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".utf8)
    /// Where a real Id has its pod and a reserved character; "Sm" marks Ids the simulator made.
    private static let podAndReserved = Array("Sm0".utf8)

    /// The 18-character Id number `counter` of `prefix`: the same counter always gives the same Id.
    static func make(_ prefix: Prefix, counter: Int64) -> String {
        make(keyPrefix: prefix.rawValue, counter: counter)
    }

    /// The same for any 3-character key prefix (objects the simulator only synthesizes, such as
    /// permission sets, and the emulator's query locators).
    static func make(keyPrefix: String, counter: Int64) -> String {
        var bytes = Array(keyPrefix.utf8.prefix(3))
        bytes += podAndReserved
        var digits = [UInt8](repeating: base62[0], count: 9)
        var rest = counter
        var index = digits.count - 1
        while rest > 0, index >= 0 {
            digits[index] = base62[Int(rest % 62)]
            rest /= 62
            index -= 1
        }
        bytes += digits
        let sum = checksum(bytes)
        bytes += [sum.0, sum.1, sum.2]
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The 18-character form of a 15- or 18-character Id, or nil when it is not a well-formed Id
    /// (wrong length, a character outside base 62, or an 18-character checksum that does not match).
    /// Works on the UTF-8 bytes in place and returns an 18-character Id that is already in
    /// canonical form as is: plans normalize every owner Id of an org, so this must not allocate.
    static func normalize(_ id: String) -> String? {
        if let result = id.utf8.withContiguousStorageIfAvailable({ normalize(bytes: $0, original: id) }) {
            return result
        }
        return Array(id.utf8).withUnsafeBufferPointer { normalize(bytes: $0, original: id) }
    }

    private static func normalize(bytes: UnsafeBufferPointer<UInt8>, original: String) -> String? {
        guard bytes.count == 15 || bytes.count == 18, bytes.allSatisfy(isBase62) else { return nil }
        let sum = checksum(bytes)
        if bytes.count == 18 {
            let given = (bytes[15], bytes[16], bytes[17])
            if given == sum { return original }
            // Salesforce reads the checksum case-insensitively.
            guard (uppercased(given.0), uppercased(given.1), uppercased(given.2)) == sum else { return nil }
        }
        return String(unsafeUninitializedCapacity: 18) { buffer in
            for index in 0..<15 { buffer[index] = bytes[index] }
            (buffer[15], buffer[16], buffer[17]) = sum
            return 18
        }
    }

    /// The checksum: one character per 5-character chunk, encoding which characters are upper case.
    private static func checksum(_ base: some RandomAccessCollection<UInt8>) -> (UInt8, UInt8, UInt8) {
        var flags = (0, 0, 0)
        for (offset, byte) in base.prefix(15).enumerated() where isUpper(byte) {
            let bit = 1 << (offset % 5)
            switch offset / 5 {
            case 0: flags.0 |= bit
            case 1: flags.1 |= bit
            default: flags.2 |= bit
            }
        }
        return (checksumAlphabet[flags.0], checksumAlphabet[flags.1], checksumAlphabet[flags.2])
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }

    private static func uppercased(_ byte: UInt8) -> UInt8 { byte >= 97 && byte <= 122 ? byte - 32 : byte }

    private static func isBase62(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }
}
