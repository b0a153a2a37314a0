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
    /// `sqlite:PATH` and anything else a SQLite file path. No check for passwords: the decoder
    /// does that for text written in a file.
    public static func parse(_ text: String, origin: SourceOrigin = .none) -> StateLocation {
        for scheme in postgresSchemes where text.hasPrefix(scheme + "://") {
            return .postgres(url: text, origin: origin)
        }
        if text.hasPrefix(sqlitePrefix) {
            return .sqlite(path: String(text.dropFirst(sqlitePrefix.count)), origin: origin)
        }
        return .sqlite(path: text, origin: origin)
    }

    /// The concrete location: itself, or the parsed value of its environment variable (nil when
    /// the variable is unset or empty).
    public func resolved(in environment: [String: String]) -> StateLocation? {
        guard case .environment(let reference) = self else { return self }
        guard let value = reference.value(in: environment) else { return nil }
        let parsed = StateLocation.parse(value, origin: reference.origin)
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
