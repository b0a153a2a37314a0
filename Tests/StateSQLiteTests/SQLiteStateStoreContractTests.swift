import Reconciler
import StateSQLite
import Testing
import TestSupport

/// The SQLite store passes the contract every state store must pass; "reopen" is a second
/// connection to the same file, as the next process would open it.
@Suite struct SQLiteStateStoreContractTests {
    @Test(arguments: StateStoreContract.checks)
    func contract(_ check: StateStoreContract.Check) async throws {
        let fixture = try StoreFixture("contract")
        defer { fixture.remove() }
        try await check.run(StateStoreContract.Subject(store: fixture.store, reopen: { fixture.secondStore() }))
    }
}
