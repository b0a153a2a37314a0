import Foundation
import Reconciler
import StateSQLite
import Testing
import TestSupport

@Suite struct ApplyHistoryTests {
    @Test func historyIsNewestFirstWithEachApplysOutcomesInTheOrderTheyLanded() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        _ = try await fixture.store.initialize(lineage: "l", fingerprintSalt: [1])
        // Held before the entries open: taking a free lock would mark them interrupted.
        _ = try await fixture.store.lock(StateFixtures.holder("L"), timeout: 0)
        try await fixture.store.beginApply(StateFixtures.apply("first", startedAt: 100, digest: "d1"))
        try await fixture.store.beginApply(StateFixtures.apply("third", startedAt: 300, digest: "d3"))
        // Started at the same second as "third" but recorded later: newer.
        try await fixture.store.beginApply(StateFixtures.apply("fourth", startedAt: 300, digest: "d4"))
        try await fixture.store.beginApply(StateFixtures.apply("second", startedAt: 200, digest: "d2"))

        let outcomes = StateFixtures.applied(StateFixtures.everyKind)
        let failed = ChangeOutcome(address: .setting(org: "prod", location: .user("x@y")), status: .failed,
                                   resource: .setting(accountKey: "K", recordId: "r", ownerId: "o"),
                                   code: "DUPLICATE_VALUE", message: "duplicate value found: SetupOwnerId")
        let pending = ChangeOutcome(address: .link(accountKey: "K"), status: .pending, resource: .link(org: "prod", apiUser: "api@x"),
                                    message: "log in directly as api@x and press Allow")
        try await fixture.commit(Array(outcomes.prefix(5)), applyID: "third")
        try await fixture.commit([failed], applyID: "first")
        try await fixture.commit(Array(outcomes.dropFirst(5)) + [pending], applyID: "third")
        try await fixture.store.finishApply(id: "third", status: .pending)
        try await fixture.store.finishApply(id: "first", status: .failed)

        let history = try await fixture.secondStore().history(limit: 10)
        #expect(history.map(\.id) == ["fourth", "third", "second", "first"])
        #expect(history.map(\.planDigest) == ["d4", "d3", "d2", "d1"])
        #expect(history[1].outcomes == outcomes + [pending])
        #expect(history[1].status == .pending)
        #expect(try #require(history[1].finishedAt) > 1_700_000_000)
        #expect(history[3].outcomes == [failed])
        #expect(history[3].status == .failed)
        #expect(history[0].status == .running && history[0].finishedAt == nil && history[0].outcomes.isEmpty)
        #expect(history[0].who == "jane" && history[0].host == "build-01" && history[0].startedAt == 300)

        #expect(try await fixture.store.history(limit: 2).map(\.id) == ["fourth", "third"])
        #expect(try await fixture.store.history(limit: 0).isEmpty)
    }

    @Test func anEntryMayArriveWithOutcomesAlready() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let outcome = ChangeOutcome(address: .link(accountKey: "K"), status: .applied, resource: nil)
        var entry = StateFixtures.apply("a")
        entry.outcomes = [outcome]
        entry.finishedAt = 1_700_000_100
        entry.status = .succeeded
        try await fixture.store.beginApply(entry)
        #expect(try await fixture.store.history(limit: 1) == [entry])
    }

    @Test func finishingAnApplyNobodyBeganIsAnError() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        await #expect(throws: StateStoreError.unknownApply(id: "ghost")) {
            try await fixture.store.finishApply(id: "ghost", status: .succeeded)
        }
    }
}
