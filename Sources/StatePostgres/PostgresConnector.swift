import FileSafety
import Foundation
import Logging
import PostgresNIO

/// Opening a connection to the state's server as its URL says (TLS mode, CA, password), and
/// turning postgres-nio's errors into `PostgresStateError`s. Nothing is logged: a connection's
/// logger discards everything, so no URL, user or password can reach a log.
enum PostgresConnector {
    static let logger = Logger(label: "vccctl.state.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    static func connect(_ url: PostgresStateURL) async throws -> PostgresConnection {
        let tls: PostgresConnection.Configuration.TLS
        do {
            tls = try tlsSetting(url)
        } catch let error as PostgresStateError {
            throw error
        } catch {
            throw PostgresStateError.cannotConnect(state: url.description, reason: "cannot use the CA file for sslmode=\(url.tls.rawValue): \(error)")
        }
        var configuration = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                             password: url.password, database: url.database, tls: tls)
        configuration.options.connectTimeout = .seconds(Int64(url.connectTimeout))
        if url.tls == .verifyFull, url.host.first?.isLetter == true { configuration.options.tlsServerName = url.host }
        configuration.options.additionalStartupParameters = [("application_name", url.applicationName)]
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw PostgresStateError.cannotConnect(state: url.description, reason: reason(error))
        }
    }

    private static func tlsSetting(_ url: PostgresStateURL) throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch url.tls {
        case .disable:
            return .disable
        case .prefer, .require:
            // libpq's prefer and require encrypt without checking who answers.
            configuration.certificateVerification = .none
            let context = try NIOSSLContext(configuration: configuration)
            return url.tls == .prefer ? .prefer(context) : .require(context)
        case .verifyFull:
            guard let caFile = url.caFile else { throw PostgresStateURLError.missingCAFile }
            // Through FileSafety, as every file vccctl reads: a regular file of at most 1 MiB, so
            // that a FIFO or device named by `sslrootcert` is refused rather than hung on.
            let roots: [NIOSSLCertificate]
            do {
                roots = try NIOSSLCertificate.fromPEMBytes(try FileReader.read(caFile, limit: .trustRoots))
            } catch let error as FileAccessError {
                throw PostgresStateError.cannotConnect(state: url.description, reason: "the CA file: \(error.description)")
            } catch {
                roots = []  // Not PEM: NIOSSL says only "failedToLoadCertificate".
            }
            guard !roots.isEmpty else {
                throw PostgresStateError.cannotConnect(state: url.description, reason: "the CA file \(caFile) holds no certificate (PEM)")
            }
            configuration.certificateVerification = .fullVerification
            configuration.trustRoots = .certificates(roots)
            return .require(try NIOSSLContext(configuration: configuration))
        }
    }

    /// Whether the error means the connection is gone (closed, reset, or the server going down).
    static func isConnectionLoss(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        switch error.code {
        case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown:
            return true
        case .server:
            // Class 08: connection exception; 57: the server shutting down or the session terminated.
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("08") || state.hasPrefix("57")
        default:
            return false
        }
    }

    /// The server's words for an error (its message and SQLSTATE), or what failed on the way;
    /// never the query's parameters.
    static func reason(_ error: any Error) -> String {
        if let error = error as? PostgresStateError { return error.description }
        guard let error = error as? PSQLError else { return String(describing: error) }
        if let info = error.serverInfo, let message = info[.message] {
            let state = info[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return message + state
        }
        switch error.code {
        case .sslUnsupported:
            return "the server does not offer TLS, which the sslmode asks for"
        case .serverClosedConnection:
            return "the server closed the connection"
        case .connectionError, .uncleanShutdown:
            guard let underlying = error.underlying.map({ String(describing: $0) }) else { return "the connection failed" }
            // NIO's description of a failed connect lists every address tried; the cause is enough.
            for (cause, words) in [("Connection refused", "the server refused the connection (is it running, on that port?)"),
                                   ("timed out", "the connection timed out"),
                                   ("No route to host", "there is no route to the server's host")]
            where underlying.contains(cause) {
                return words
            }
            return underlying
        case .authMechanismRequiresPassword:
            return "the server asks for a password and none was given"
        default:
            return error.underlying.map { "\(error.code): \($0)" } ?? error.code.description
        }
    }

    /// `"name"`, for a name already checked to hold no quote or control character.
    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
