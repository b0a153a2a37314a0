import SOQL

/// A JSON request body of the VCC admin contract, decoded strictly: one object, only the fields
/// the operation names, each at most once and of its type. Anything else is a 400
/// `invalid_request` that says which field is wrong, never a guess: a client and the contract
/// must not drift apart silently. Field names are compared byte for byte (no Unicode
/// equivalence), as a JSON decoder on the other side would.
struct VCCAdminBody {
    private let fields: [(name: String, value: JSONValue)]

    /// Parses `bytes` (already size-limited) as an object whose field names are all in `allowed`.
    static func parse(_ bytes: [UInt8], allowed: [String]) throws(VCCAdminFailure) -> VCCAdminBody {
        guard !bytes.isEmpty else { throw .invalidRequest("a JSON object body is required") }
        let value: JSONValue
        do {
            value = try JSONReader.parse(bytes)
        } catch {
            throw .invalidRequest("malformed JSON: \(error.message)")
        }
        guard case .object(let pairs) = value else { throw .invalidRequest("the body must be a JSON object") }
        var seen: [String] = []
        for (name, _) in pairs {
            guard allowed.contains(where: { $0.utf8.elementsEqual(name.utf8) }) else {
                throw .invalidRequest("unknown field \(Self.quoted(name)); allowed: \(allowed.joined(separator: ", "))")
            }
            guard !seen.contains(where: { $0.utf8.elementsEqual(name.utf8) }) else {
                throw .invalidRequest("field \(name) appears more than once")
            }
            seen.append(name)
        }
        return VCCAdminBody(fields: pairs.map { (name: $0.0, value: $0.1) })
    }

    private init(fields: [(name: String, value: JSONValue)]) {
        self.fields = fields
    }

    private func value(_ name: String) -> JSONValue? {
        fields.first { $0.name.utf8.elementsEqual(name.utf8) }?.value
    }

    /// A required string field.
    func string(_ name: String) throws(VCCAdminFailure) -> String {
        switch value(name) {
        case .string(let text)?: return text
        case nil: throw .invalidRequest("field \(name) is required")
        default: throw .invalidRequest("field \(name) must be a string")
        }
    }

    /// A required array of strings.
    func strings(_ name: String) throws(VCCAdminFailure) -> [String] {
        guard let field = value(name) else { throw .invalidRequest("field \(name) is required") }
        guard case .array(let items) = field else { throw .invalidRequest("field \(name) must be an array of strings") }
        var strings: [String] = []
        strings.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else { throw .invalidRequest("\(name)[\(index)] must be a string") }
            strings.append(text)
        }
        return strings
    }

    /// A field name from the client, quoted for a message, at most 64 characters of it: an
    /// error message must stay short whatever was sent.
    private static func quoted(_ name: String) -> String {
        var short = ""
        short.unicodeScalars.append(contentsOf: name.unicodeScalars.prefix(64))
        var out = ""
        JSONValue.string(short).write(to: &out)
        return out
    }
}
