import Foundation
import PostgresNIO
import Reconciler
import StatePostgres
import Synchronization
import Testing
import TestSupport

/// A state in a schema of its own on the test server (`PostgresCluster.shared()`), and every
/// store opened on it, closed together by `close()`.
final class PostgresFixture: Sendable {
    let cluster: PostgresCluster
    let schema: String
    let url: PostgresStateURL
    let store: PostgresStateStore
    private let opened = Mutex<[PostgresStateStore]>([])

    init(_ label: String = "t", cluster: PostgresCluster? = nil) throws {
        self.cluster = try cluster ?? PostgresCluster.shared()
        schema = PostgresCluster.uniqueSchema(label)
        url = try PostgresStateURL.parse(self.cluster.url(schema: schema), environment: ["PGPASSWORD": self.cluster.password ?? ""])
        store = PostgresStateStore(url: url)
        opened.withLock { $0.append(store) }
    }

    /// Another store on the same state: another session, as the next process would open it.
    func another() -> PostgresStateStore {
        let store = PostgresStateStore(url: url)
        opened.withLock { $0.append(store) }
        return store
    }

    func close() async {
        for store in opened.withLock({ $0 }) { await store.close() }
    }

    /// A plain connection to the state's schema, for what a test does behind the store's back.
    func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        var configuration = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                             password: url.password, database: url.database, tls: .disable)
        configuration.options.additionalStartupParameters = [("search_path", schema)]
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 9, logger: Logger(label: "test"))
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

/// Expects `body` to throw an error that `matching` accepts; records the error otherwise.
func expectThrows(_ body: () async throws -> Void, matching: (any Error) -> Bool,
                  sourceLocation: SourceLocation = #_sourceLocation) async {
    do {
        try await body()
        Issue.record("no error was thrown", sourceLocation: sourceLocation)
    } catch {
        #expect(matching(error), "\(error)", sourceLocation: sourceLocation)
    }
}
