import Foundation

/// Why the PostgreSQL state store could not do its work. Messages name the state by its URL
/// without a password (`PostgresStateURL.description`) and say what to do.
public enum PostgresStateError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// No connection could be made (server down, refused, unknown host, TLS or authentication).
    case cannotConnect(state: String, reason: String)
    /// The connection broke in the middle of the work (server restarted, network gone).
    case connectionLost(state: String, reason: String)
    /// Written by a newer vccctl; `found` nil when only unknown migrations tell it.
    case newerFormat(state: String, found: Int?, supported: Int)
    /// The schema holds tables of vccctl's names that vccctl did not make.
    case notAStateSchema(state: String, table: String)
    /// `commit` before `initialize`.
    case notInitialized(state: String)
    /// `commit` names an apply that `beginApply` never opened.
    case unknownApply(id: String)
    /// A row that breaks the schema's meaning (edited by hand).
    case corrupt(state: String, detail: String)
    /// Any other error the server reported.
    case server(state: String, message: String)

    public var description: String {
        switch self {
        case .cannotConnect(let state, let reason):
            return "cannot connect to the PostgreSQL state \(state): \(reason). Check that the server runs and accepts "
                + "this user, that the password is in the environment (PGPASSWORD or the URL in VCCCTL_STATE), and the sslmode."
        case .connectionLost(let state, let reason):
            return "the connection to the PostgreSQL state \(state) was lost (\(reason)). What was committed before is in "
                + "state and this run stopped; run it again: the next run finds this one interrupted and goes on from there."
        case .newerFormat(let state, let found, let supported):
            let what = found.map { "has format version \($0); this vccctl reads up to format version \(supported)" }
                ?? "was written by a newer vccctl (it holds schema changes this vccctl does not know)"
            return "the PostgreSQL state \(state) \(what). Upgrade vccctl to the version that wrote it (or newer); do not edit its tables."
        case .notAStateSchema(let state, let table):
            return "the schema of the PostgreSQL state \(state) holds a table '\(table)' that vccctl did not create. Name an "
                + "empty schema of its own for the state in the URL (?search_path=vccctl)."
        case .notInitialized(let state):
            return "the PostgreSQL state \(state) holds no state yet: initialize it before committing changes to it."
        case .unknownApply(let id):
            return "the state history has no apply \(id): open it with beginApply before committing its outcomes."
        case .corrupt(let state, let detail):
            return "the PostgreSQL state \(state) holds a row vccctl cannot read (\(detail)). Restore the schema from a backup; do not edit its tables."
        case .server(let state, let message):
            return "the PostgreSQL state \(state) could not be read or written: \(message)."
        }
    }

    public var errorDescription: String? { description }
}
