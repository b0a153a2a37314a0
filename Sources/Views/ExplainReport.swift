public import Reconciler

/// What `vccctl explain user` prints: the key a user gets now and once the configuration is
/// applied, and from which record.
public enum ExplainReport {
    public enum Format { case text, json }

    public static func render(username: String, profile: String?, org: String, now: EffectiveKey, configured: EffectiveKey,
                              format: Format) -> String {
        switch format {
        case .text:
            return "user \(username) (profile \(profile ?? "unknown")) in org '\(org)':\n"
                + "  now:         " + describe(now) + "\n"
                + "  configured:  " + describe(configured) + "\n"
        case .json:
            return JSONText.encode(Document(format_version: 1, org: org, username: username, profile: profile,
                                            now: Key(now), configured: Key(configured)))
        }
    }

    static func describe(_ key: EffectiveKey) -> String {
        guard let value = key.accountKey, let source = key.source else { return "no account key (no record on the path carries one)" }
        return "\(value), from the \(source) record"
    }

    struct Document: Encodable {
        var format_version: Int
        var org: String
        var username: String
        var profile: String?
        var now: Key
        var configured: Key

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(format_version, forKey: .format_version)
            try container.encode(org, forKey: .org)
            try container.encode(username, forKey: .username)
            // Always present: null when the user's profile is unknown.
            try container.encode(profile, forKey: .profile)
            try container.encode(now, forKey: .now)
            try container.encode(configured, forKey: .configured)
        }

        enum CodingKeys: String, CodingKey { case format_version, org, username, profile, now, configured }
    }

    /// A key and the record it comes from; both null when no record on the path carries one.
    struct Key: Encodable {
        var account_key: String?
        var source: Source?

        init(_ key: EffectiveKey) {
            account_key = key.accountKey
            source = key.accountKey == nil ? nil : key.source.map { Source(kind: $0.kind.rawValue, name: $0.kind == .org ? nil : $0.name) }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(account_key, forKey: .account_key)
            try container.encode(source, forKey: .source)
        }

        enum CodingKeys: String, CodingKey { case account_key, source }
    }

    struct Source: Encodable {
        var kind: String
        /// The profile or username; absent for the org default.
        var name: String?
    }
}
