import Reconciler
import Testing
import TestSupport

/// The in-memory store passes the contract every state store must pass.
@Suite struct InMemoryStateStoreContractTests {
    @Test(arguments: StateStoreContract.checks)
    func contract(_ check: StateStoreContract.Check) async throws {
        let store = InMemoryStateStore()
        try await check.run(StateStoreContract.Subject(store: store, reopen: { store }))
    }
}
