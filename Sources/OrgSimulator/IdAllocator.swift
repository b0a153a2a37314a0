import GRDB

/// Hands out Ids of one prefix inside one write transaction, from a counter kept in the database,
/// so Ids are stable across runs and never reused. Call `save` before the transaction ends.
struct IdAllocator {
    let prefix: SalesforceId.Prefix
    private var next: Int64
    private let first: Int64

    init(_ db: Database, prefix: SalesforceId.Prefix) throws {
        self.prefix = prefix
        let stored = try Int64.fetchOne(
            db, sql: "SELECT next FROM id_sequence WHERE prefix = ?", arguments: [prefix.rawValue])
        next = stored ?? 1
        first = next
    }

    mutating func allocate() -> String {
        defer { next += 1 }
        return SalesforceId.make(prefix, counter: next)
    }

    func save(_ db: Database) throws {
        guard next != first else { return }
        try db.execute(
            sql: """
                INSERT INTO id_sequence (prefix, next) VALUES (?, ?)
                ON CONFLICT (prefix) DO UPDATE SET next = excluded.next
                """,
            arguments: [prefix.rawValue, next])
    }
}
