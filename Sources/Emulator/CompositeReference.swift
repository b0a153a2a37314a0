import SOQL

/// `@{referenceId.path}` references between Composite subrequests: `@{newRec.id}`,
/// `@{rows.records[0].Id}`. Resolved against earlier subrequests' response bodies.
enum CompositeReference {
    struct Unresolved: Error {
        var reference: String
        var referenceId: String
    }

    /// `text` with every reference replaced by its value's text. - Throws: `Unresolved`.
    static func substitute(in text: String, bodies: [String: JSONValue]) throws(Unresolved) -> String {
        guard text.contains("@{") else { return text }
        var result = ""
        var rest = text[...]
        while let start = rest.range(of: "@{") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                result += rest[start.lowerBound...]
                return result
            }
            let reference = String(rest[start.upperBound..<end])
            let referenceId = String(reference.prefix { $0 != "." && $0 != "[" })
            guard let body = bodies[referenceId], let value = resolve(reference.dropFirst(referenceId.count), in: body) else {
                throw Unresolved(reference: reference, referenceId: referenceId)
            }
            switch value {
            case .string(let string): result += string
            case .null: result += "null"
            default: result += value.serialized()
            }
            rest = rest[rest.index(after: end)...]
        }
        result += rest
        return result
    }

    /// The same over a JSON body: every string value (and key) with references substituted.
    static func substitute(in value: JSONValue, bodies: [String: JSONValue]) throws(Unresolved) -> JSONValue {
        switch value {
        case .string(let text):
            // A string that is exactly one reference takes the referenced value's type.
            if text.hasPrefix("@{"), text.hasSuffix("}"), text.dropFirst(2).firstIndex(of: "}") == text.index(before: text.endIndex) {
                let reference = String(text.dropFirst(2).dropLast())
                let referenceId = String(reference.prefix { $0 != "." && $0 != "[" })
                guard let body = bodies[referenceId], let resolved = resolve(reference.dropFirst(referenceId.count), in: body) else {
                    throw Unresolved(reference: reference, referenceId: referenceId)
                }
                return resolved
            }
            return .string(try substitute(in: text, bodies: bodies))
        case .array(let values):
            var out: [JSONValue] = []
            for element in values { out.append(try substitute(in: element, bodies: bodies)) }
            return .array(out)
        case .object(let pairs):
            var out: [(String, JSONValue)] = []
            for (key, element) in pairs { out.append((key, try substitute(in: element, bodies: bodies))) }
            return .object(out)
        default:
            return value
        }
    }

    /// Follows `.field` and `[n]` steps from `value`.
    private static func resolve(_ path: Substring, in value: JSONValue) -> JSONValue? {
        var current = value
        var rest = path
        while !rest.isEmpty {
            if rest.first == "." {
                rest = rest.dropFirst()
                let name = rest.prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty, let next = current[String(name)] else { return nil }
                current = next
                rest = rest.dropFirst(name.count)
            } else if rest.first == "[" {
                guard let close = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: rest.startIndex)..<close]),
                      case .array(let values) = current, values.indices.contains(index) else { return nil }
                current = values[index]
                rest = rest[rest.index(after: close)...]
            } else {
                return nil
            }
        }
        return current
    }
}
