import Foundation
import GRDB
import Reconciler
import StateSQLite
import Testing
import TestSupport

/// A commit is one transaction: a failure in the middle of it leaves the resources, the outcomes
/// and the serial as they were, as a `kill -9` at that point would.
@Suite struct CommitAtomicityTests {
    @Test func aCommitThatFailsMidwayLeavesNothing() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.ready()
        let before = StateFixtures.applied(StateFixtures.everyKind)
        try await fixture.commit(Array(before.prefix(4)), applyID: "apply-1")

        // Another connection plants a failure: the insert of the commit's outcomes aborts, after
        // the resource rows of all three were written.
        let other = try DatabaseQueue(path: fixture.path)
        try await other.write { db in
            try db.execute(sql: """
                CREATE TRIGGER injected_failure BEFORE INSERT ON apply_outcome_batch WHEN NEW.outcome_count = 3
                BEGIN SELECT RAISE(ABORT, 'injected failure'); END
                """)
        }
        let secret = ResourceAddress.secret(org: "prod", accountKey: "NEW")
        let deleted = before[0].address
        let outcomes = [
            ChangeOutcome(address: secret, status: .applied, resource: .secret(fingerprint: TokenFingerprint(hex: "bb"))),
            ChangeOutcome(address: deleted, status: .applied, resource: nil),
            ChangeOutcome(address: .link(accountKey: "Z"), status: .applied, resource: .link(org: "prod", apiUser: "u"),
                          message: "boom"),
        ]
        await #expect(throws: StateStoreError.self) {
            try await fixture.commit(outcomes, applyID: "apply-1")
        }

        let state = try #require(try await fixture.secondStore().load())
        #expect(state.serial == 1)
        #expect(state.resources == Dictionary(uniqueKeysWithValues: before.prefix(4).map { ($0.address, $0.resource!) }))
        let history = try await fixture.store.history(limit: 1)
        #expect(history.first?.outcomes == Array(before.prefix(4)))

        // Once the cause is gone the same commit lands whole, with the next serial.
        try await other.write { db in try db.execute(sql: "DROP TRIGGER injected_failure") }
        #expect(try await fixture.commit(outcomes, applyID: "apply-1") == 2)
        let after = try #require(try await fixture.store.load())
        #expect(after.resources[secret] == .secret(fingerprint: TokenFingerprint(hex: "bb")))
        #expect(after.resources[deleted] == nil)
        #expect(try await fixture.store.history(limit: 1).first?.outcomes.count == 7)
    }

    @Test func aReaderNeverSeesHalfACommit() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.ready()
        let resources = StateFixtures.manySettings(2_000)
        let outcomes = StateFixtures.applied(resources)
        let reader = fixture.secondStore()
        let writer = Task {
            for start in stride(from: 0, to: outcomes.count, by: 200) {
                try await fixture.commit(Array(outcomes[start..<start + 200]), applyID: "apply-1")
            }
        }
        // Every state a reader sees is a whole number of commits: 200 resources per serial.
        var seen = 0
        while seen < 10 {
            let state = try #require(try await reader.load())
            #expect(state.resources.count == Int(state.serial) * 200)
            seen = Int(state.serial)
            await Task.yield()
        }
        try await writer.value
    }
}
