import Reconciler
import StatePostgres
import Testing
import TestSupport

/// The PostgreSQL store passes the contract every state store must pass, against a real server;
/// "reopen" is a second store (another session) on the same schema, as the next process opens it.
@Suite struct PostgresStateStoreContractTests {
    @Test(arguments: StateStoreContract.checks)
    func contract(_ check: StateStoreContract.Check) async throws {
        let fixture = try PostgresFixture("contract")
        do {
            try await check.run(StateStoreContract.Subject(store: fixture.store, reopen: { fixture.another() }))
        } catch {
            await fixture.close()
            throw error
        }
        await fixture.close()
    }
}
