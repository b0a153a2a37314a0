/// A JSON value whose objects keep their key order, because Salesforce emits `attributes` first
/// and the fields in SELECT order, and clients (and tests) compare the text.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A floating-point number; non-finite values serialize as `null` (JSON has no NaN).
    case number(Double)
    /// A whole number, serialized without a fraction.
    case integer(Int)
    case string(String)
    case array([JSONValue])
    /// Key/value pairs in emission order.
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The value of `key` in an object (first match), nil otherwise.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// Compact JSON text.
    public func serialized() -> String {
        var out = ""
        write(to: &out)
        return out
    }

    /// Appends compact JSON text to `out` (lets a caller build one page without copies).
    public func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let d): out += d.isFinite ? String(d) : "null"
        case .integer(let i): out += String(i)
        case .string(let s): Self.writeString(s, to: &out)
        case .array(let values):
            out += "["
            for (i, v) in values.enumerated() {
                if i > 0 { out += "," }
                v.write(to: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out += "," }
                Self.writeString(k, to: &out)
                out += ":"
                v.write(to: &out)
            }
            out += "}"
        }
    }

    private static let hex: [Character] = Array("0123456789abcdef")

    /// Appends `s` as a JSON string, quotes included.
    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        writeStringContents(s, to: &out)
        out += "\""
    }

    /// Appends `s` escaped for the inside of a JSON string, without the quotes.
    static func writeStringContents(_ s: String, to out: inout String) {
        // Most strings need no escaping at all: append them whole.
        if !s.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) {
            out += s
            return
        }
        // Copy runs of plain characters at once; only quotes, backslashes and controls need work.
        var plainStart = s.unicodeScalars.startIndex
        var i = plainStart
        let scalars = s.unicodeScalars
        while i < scalars.endIndex {
            let c = scalars[i]
            if c == "\"" || c == "\\" || c.value < 0x20 {
                out.unicodeScalars.append(contentsOf: scalars[plainStart..<i])
                switch c {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                default:
                    out += "\\u00"
                    out.append(hex[Int(c.value >> 4)])
                    out.append(hex[Int(c.value & 0xF)])
                }
                plainStart = scalars.index(after: i)
            }
            i = scalars.index(after: i)
        }
        out.unicodeScalars.append(contentsOf: scalars[plainStart..<scalars.endIndex])
    }
}
