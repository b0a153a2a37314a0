public import VCCModel

/// The address of one managed resource, as plans and state name it:
/// `setting.prod.org`, `setting.prod.profile["Support Agent"]`, `setting.prod.user["jane@acme.example"]`,
/// `secret.prod["ACME-EU-01"]`, `link["ACME-EU-01"]`.
public enum ResourceAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    case setting(org: String, location: Location)
    case secret(org: String, accountKey: String)
    case link(accountKey: String)

    public var description: String {
        switch self {
        case .setting(let org, let location):
            switch location.kind {
            case .org: return "setting.\(org).org"
            case .profile: return "setting.\(org).profile[\(Self.quote(location.name))]"
            case .user: return "setting.\(org).user[\(Self.quote(location.name))]"
            }
        case .secret(let org, let key): return "secret.\(org)[\(Self.quote(key))]"
        case .link(let key): return "link[\(Self.quote(key))]"
        }
    }

    /// Parses the text form back; nil when it is not an address.
    public init?(_ text: String) {
        if text.hasPrefix("link["), text.hasSuffix("]"), let key = Self.unquote(text.dropFirst(5).dropLast()) {
            self = .link(accountKey: key)
            return
        }
        let parts = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return nil }
        let org = String(parts[1].prefix { $0 != "[" })
        switch parts[0] {
        case "secret":
            let rest = text.dropFirst("secret.".count + org.count)
            guard rest.hasPrefix("["), rest.hasSuffix("]"), let key = Self.unquote(rest.dropFirst().dropLast()) else { return nil }
            self = .secret(org: org, accountKey: key)
        case "setting":
            guard parts.count == 3, parts[1] == org else { return nil }
            let rest = parts[2]
            if rest == "org" {
                self = .setting(org: org, location: .org())
            } else if rest.hasPrefix("profile["), rest.hasSuffix("]"), let name = Self.unquote(rest.dropFirst(8).dropLast()) {
                self = .setting(org: org, location: .profile(name))
            } else if rest.hasPrefix("user["), rest.hasSuffix("]"), let name = Self.unquote(rest.dropFirst(5).dropLast()) {
                self = .setting(org: org, location: .user(name))
            } else {
                return nil
            }
        default:
            return nil
        }
    }

    /// The kind of resource, for grouping and ordering.
    public var kind: Kind {
        switch self {
        case .setting: .setting
        case .secret: .secret
        case .link: .link
        }
    }

    public enum Kind: String, Sendable, Codable, Comparable {
        case setting, secret, link
        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rank < rhs.rank }
        var rank: Int { self == .setting ? 0 : self == .secret ? 1 : 2 }
    }

    public static func < (lhs: ResourceAddress, rhs: ResourceAddress) -> Bool {
        switch (lhs, rhs) {
        case let (.setting(o1, l1), .setting(o2, l2)):
            return (o1, l1.kind, l1.name) < (o2, l2.kind, l2.name)
        case let (.secret(o1, k1), .secret(o2, k2)):
            return (o1, k1) < (o2, k2)
        case let (.link(k1), .link(k2)):
            return k1 < k2
        default:
            return lhs.kind < rhs.kind
        }
    }

    private static func quote(_ text: String) -> String {
        // Names rarely hold a quote or a backslash; state writes an address per record.
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var quoted = "\""
        for character in text {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }

    private static func unquote(_ text: Substring) -> String? {
        guard text.count >= 2, text.first == "\"", text.last == "\"" else { return nil }
        var result = ""
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if escaped {
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                return nil  // quotes inside are always escaped
            } else {
                result.append(character)
            }
        }
        return escaped ? nil : result
    }
}

extension ResourceAddress: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let address = ResourceAddress(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a resource address: \(text)"))
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
