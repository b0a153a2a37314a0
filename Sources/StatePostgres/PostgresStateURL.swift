import Foundation

/// Where a PostgreSQL state lives, read from a `postgres://` or `postgresql://` URL:
///
///     postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE?search_path=SCHEMA&sslmode=MODE&sslrootcert=CA.pem
///
/// The schema may also come as `options=-csearch_path=SCHEMA` (libpq's form); without one the
/// state lives in `public`. The password is kept apart and never shown: `description` is the URL
/// without it, for messages.
public struct PostgresStateURL: Sendable, Equatable, CustomStringConvertible {
    /// libpq's names for what TLS a connection needs.
    public enum TLSMode: String, Sendable, Equatable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, unverified; plain otherwise (libpq's default).
        case prefer
        /// TLS always, unverified (libpq's `require` without a root certificate).
        case require
        /// TLS always, the server's certificate checked against `sslrootcert` and its name
        /// against the host.
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var schema: String
    public var tls: TLSMode
    /// The CA file that `verify-full` checks the server's certificate against.
    public var caFile: String?
    /// From the URL (only when the URL came from the environment) or `PGPASSWORD`.
    public var password: String?
    /// Seconds to wait for the server to answer a connection (`connect_timeout`; default 10).
    public var connectTimeout: Int = 10
    /// What the server shows of the session (`application_name`; default `vccctl`).
    public var applicationName: String = "vccctl"

    public init(host: String, port: Int = 5432, user: String, database: String, schema: String = "public",
                tls: TLSMode = .prefer, caFile: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.user = user
        self.database = database
        self.schema = schema
        self.tls = tls
        self.caFile = caFile
        self.password = password
    }

    /// The URL without its password (and with the schema and TLS mode spelt out).
    public var description: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(hostPart):\(port)/\(database)?search_path=\(schema)&sslmode=\(tls.rawValue)"
    }

    /// Whether the URL text carries a password (`user:PASSWORD@` or `?password=`), without
    /// parsing the rest: for callers that must refuse one (a URL given on the command line).
    public static func hasPassword(_ text: String) -> Bool {
        guard let components = URLComponents(string: text) else { return false }
        if components.password != nil { return true }
        return components.queryItems?.contains { $0.name == "password" } ?? false
    }

    /// Reads `text`. `environment` gives `PGPASSWORD` (used when the URL has no password) and
    /// the defaults libpq reads (`PGUSER`, `PGSSLMODE`, `PGSSLROOTCERT`).
    /// - Throws: `PostgresStateURLError`, whose words never hold the password.
    public static func parse(_ text: String, environment: [String: String] = [:]) throws(PostgresStateURLError) -> PostgresStateURL {
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") else { throw .notPostgres }
        guard let components = URLComponents(string: text) else { throw .malformed("it is not a valid URL") }
        guard var host = components.host, !host.isEmpty else { throw .malformed("it names no host") }
        // An IPv6 literal, with or without the brackets of its URL form.
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        // URLComponents decodes user, password and path (percent-encoding) itself.
        let user = components.user.flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["PGUSER"].flatMap { $0.isEmpty ? nil : $0 }
        guard let user else { throw .malformed("it names no user (write postgres://USER@HOST/DATABASE)") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw .malformed("it names no database (write postgres://USER@HOST/DATABASE)")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard query[item.name] == nil else { throw .malformed("'\(item.name)' is given twice") }
            query[item.name] = item.value ?? ""
        }
        let known: Set = ["search_path", "options", "sslmode", "sslrootcert", "password", "application_name", "connect_timeout"]
        if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) {
            throw .unknownParameter(unknown)
        }
        var url = PostgresStateURL(host: host, user: user, database: database)
        if let port = components.port {
            guard (1...65535).contains(port) else { throw .malformed("port \(port) is out of range") }
            url.port = port
        }
        url.schema = try schema(searchPath: query["search_path"], options: query["options"]) ?? "public"
        let mode = query["sslmode"] ?? environment["PGSSLMODE"].flatMap { $0.isEmpty ? nil : $0 } ?? "prefer"
        guard let tls = TLSMode(rawValue: mode) else { throw .unknownTLSMode(mode) }
        url.tls = tls
        url.caFile = query["sslrootcert"] ?? environment["PGSSLROOTCERT"].flatMap { $0.isEmpty ? nil : $0 }
        if tls == .verifyFull && url.caFile == nil { throw .missingCAFile }
        if let timeout = query["connect_timeout"] {
            guard let seconds = Int(timeout), (1...3600).contains(seconds) else {
                throw .malformed("connect_timeout must be a number of seconds from 1 to 3600")
            }
            url.connectTimeout = seconds
        }
        if let name = query["application_name"], !name.isEmpty { url.applicationName = name }
        url.password = components.password ?? query["password"]
            ?? environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        return url
    }

    /// The schema named by `search_path=S` or `options=-csearch_path=S` (the first of a list).
    private static func schema(searchPath: String?, options: String?) throws(PostgresStateURLError) -> String? {
        var named = searchPath
        if let options {
            let words = options.split(separator: " ")
            for (index, word) in words.enumerated() {
                var setting: Substring?
                if word.hasPrefix("-csearch_path=") { setting = word.dropFirst("-csearch_path=".count) }
                if word == "-c", index + 1 < words.count, words[index + 1].hasPrefix("search_path=") {
                    setting = words[index + 1].dropFirst("search_path=".count)
                }
                if let setting {
                    if named != nil && named != String(setting) { throw .malformed("search_path and options name different schemas") }
                    named = String(setting)
                }
            }
        }
        guard let named else { return nil }
        let first = named.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let unquoted = first.hasPrefix("\"") && first.hasSuffix("\"") && first.count >= 2 ? String(first.dropFirst().dropLast()) : first
        guard !unquoted.isEmpty, unquoted.utf8.count <= 63, !unquoted.hasPrefix("pg_"),
              unquoted.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7f && $0 != "\"" }) else {
            throw .badSchema
        }
        return unquoted
    }
}

/// A PostgreSQL state URL vccctl cannot use. Never quotes the URL: it may hold a password.
public enum PostgresStateURLError: Error, Sendable, Equatable, CustomStringConvertible {
    case notPostgres
    case malformed(String)
    case unknownParameter(String)
    case unknownTLSMode(String)
    case missingCAFile
    case badSchema

    public var description: String {
        let form = "postgres://USER@HOST:PORT/DATABASE?search_path=SCHEMA&sslmode=MODE"
        switch self {
        case .notPostgres:
            return "the state URL is not a postgres:// or postgresql:// URL"
        case .malformed(let what):
            return "the PostgreSQL state URL is not usable: \(what). Write \(form)"
        case .unknownParameter(let name):
            return "the PostgreSQL state URL has the parameter '\(name)', which vccctl does not know: use search_path "
                + "(or options=-csearch_path=SCHEMA), sslmode, sslrootcert, application_name or connect_timeout"
        case .unknownTLSMode(let mode):
            return "the PostgreSQL state URL asks for sslmode '\(mode)': write one of "
                + PostgresStateURL.TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
        case .missingCAFile:
            return "sslmode=verify-full needs the CA that signed the server's certificate: add sslrootcert=PATH to the "
                + "PostgreSQL state URL (or set PGSSLROOTCERT)"
        case .badSchema:
            return "the schema of the PostgreSQL state URL must be a name of 1 to 63 bytes, without quotes, "
                + "control characters or the prefix pg_"
        }
    }
}
