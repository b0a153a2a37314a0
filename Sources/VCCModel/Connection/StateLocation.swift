/// Where vccctl keeps what it applied.
public enum StateLocation: Sendable, Hashable, Codable {
    /// A SQLite database file (written as a path or `sqlite:PATH`).
    case sqlite(path: String, origin: SourceOrigin = .none)
    /// A PostgreSQL database, by a `postgres://` or `postgresql://` URL. A URL written in the file
    /// never holds a password; one from the environment may.
    case postgres(url: String, origin: SourceOrigin = .none)
    /// An environment variable holding a path, `sqlite:PATH` or a PostgreSQL URL, read when the
    /// state is opened (see `resolved(in:)`).
    case environment(EnvironmentReference)

    /// SQLite under `.vccctl/` in the working directory.
    public static let defaultPath = ".vccctl/state.sqlite"
    public static let `default` = StateLocation.sqlite(path: defaultPath)

    /// The URL schemes read as PostgreSQL.
    static let postgresSchemes = ["postgres", "postgresql"]
    static let sqlitePrefix = "sqlite:"

    /// Reads a location as written: a `postgres://` or `postgresql://` URL is PostgreSQL,
    /// `sqlite:PATH` and any text that is not a URL a SQLite file path. No check for passwords:
    /// the decoder does that for text written in a file.
    /// - Throws: `StateLocationError.unknownScheme` for a URL of another scheme (a misspelt
    ///   `postgress://u:SECRET@…` taken as a path would put the password in directory names).
    public static func parse(_ text: String, origin: SourceOrigin = .none) throws(StateLocationError) -> StateLocation {
        for scheme in postgresSchemes where text.hasPrefix(scheme + "://") {
            return .postgres(url: text, origin: origin)
        }
        if text.hasPrefix(sqlitePrefix) {
            return .sqlite(path: String(text.dropFirst(sqlitePrefix.count)), origin: origin)
        }
        if let scheme = urlScheme(text) { throw .unknownScheme(scheme) }
        return .sqlite(path: text, origin: origin)
    }

    /// The scheme of `scheme://…` (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`);
    /// nil when `text` is not such a URL.
    public static func urlScheme(_ text: String) -> String? {
        guard let separator = text.firstRange(of: "://") else { return nil }
        let scheme = text[..<separator.lowerBound]
        guard let first = scheme.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic,
              scheme.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)) })
        else { return nil }
        return String(scheme)
    }

    /// The concrete location: itself, or the parsed value of its environment variable (nil when
    /// the variable is unset or empty).
    /// - Throws: `StateLocationError` when the variable holds a URL of an unknown scheme.
    public func resolved(in environment: [String: String]) throws(StateLocationError) -> StateLocation? {
        guard case .environment(let reference) = self else { return self }
        guard let value = reference.value(in: environment) else { return nil }
        let parsed = try StateLocation.parse(value, origin: reference.origin)
        if case .sqlite(let path, _) = parsed, path.isEmpty { return nil }
        return parsed
    }

    public var origin: SourceOrigin {
        switch self {
        case .sqlite(_, let origin), .postgres(_, let origin): origin
        case .environment(let reference): reference.origin
        }
    }
}

/// A state location vccctl cannot use. Its words name the scheme only: the rest of a URL may
/// hold a user and a password.
public enum StateLocationError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownScheme(String)

    public var description: String {
        switch self {
        case .unknownScheme(let scheme):
            "'\(scheme)://…' is not a state store vccctl knows: write a postgres:// or postgresql:// URL, sqlite:PATH, or a file path"
        }
    }
}
