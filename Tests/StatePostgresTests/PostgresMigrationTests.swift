import Foundation
import PostgresNIO
import Reconciler
import StatePostgres
import Testing
import TestSupport

/// The schema's migrations: several runners starting at once on a new schema, a state written by
/// a newer vccctl, a schema that holds someone else's tables, and reads that create nothing.
@Suite struct PostgresMigrationTests {
    @Test func runnersStartingAtOnceMigrateOnceAndAllProceed() async throws {
        let fixture = try PostgresFixture("race")
        let stores = (0..<8).map { _ in fixture.another() }
        let lineages = try await withThrowingTaskGroup(of: String.self) { group in
            for (index, store) in stores.enumerated() {
                group.addTask { try await store.initialize(lineage: "lineage-\(index)", fingerprintSalt: [UInt8(index)]).lineage }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(lineages.count == 8 && Set(lineages).count == 1, "one lineage won and every runner sees it: \(lineages)")
        let migrations = try await fixture.withConnection { connection in
            var numbers: [Int] = []
            for try await (number) in try await connection.query("SELECT number FROM vccctl_migrations", logger: Logger(label: "t"))
                .decode(Int.self) { numbers.append(number) }
            return numbers
        }
        #expect(migrations == [1, 2])
        await fixture.close()
    }

    @Test func readingASchemaWithNoStateCreatesNothing() async throws {
        let fixture = try PostgresFixture("read")
        #expect(try await fixture.store.load() == nil)
        #expect(try await fixture.store.history(limit: 5).isEmpty)
        #expect(try await fixture.store.currentLock() == nil)
        let schemas = try await fixture.withConnection { connection in
            var count = 0
            for try await (found) in try await connection.query("SELECT count(*) FROM pg_namespace WHERE nspname = \(fixture.schema)",
                                                                 logger: Logger(label: "t")).decode(Int.self) { count = found }
            return count
        }
        #expect(schemas == 0)
        await fixture.close()
    }

    @Test func aStateWrittenByANewerVccctlIsRefused() async throws {
        let fixture = try PostgresFixture("newer")
        _ = try await fixture.store.initialize(lineage: "l", fingerprintSalt: [1])
        try await fixture.withConnection { connection in
            try await connection.query("UPDATE meta SET format_version = 99", logger: Logger(label: "t"))
        }
        await expectThrows {
            _ = try await fixture.another().load()
        } matching: { error in
            error as? PostgresStateError == .newerFormat(state: fixture.url.description, found: 99, supported: 2)
                && "\(error)".contains("Upgrade vccctl")
        }
        try await fixture.withConnection { connection in
            try await connection.query("UPDATE meta SET format_version = 2", logger: Logger(label: "t"))
            try await connection.query("INSERT INTO vccctl_migrations VALUES (99, 0)", logger: Logger(label: "t"))
        }
        await expectThrows {
            _ = try await fixture.another().load()
        } matching: { error in
            error as? PostgresStateError == .newerFormat(state: fixture.url.description, found: nil, supported: 2)
        }
        await fixture.close()
    }

    @Test func aSchemaWithSomeoneElsesTablesIsRefused() async throws {
        let fixture = try PostgresFixture("foreign")
        try await fixture.withConnection { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(fixture.schema)"), logger: Logger(label: "t"))
            try await connection.query("CREATE TABLE resource (id integer)", logger: Logger(label: "t"))
        }
        await expectThrows {
            _ = try await fixture.store.initialize(lineage: "l", fingerprintSalt: [1])
        } matching: { error in
            error as? PostgresStateError == .notAStateSchema(state: fixture.url.description, table: "resource")
        }
        await fixture.close()
    }
}
