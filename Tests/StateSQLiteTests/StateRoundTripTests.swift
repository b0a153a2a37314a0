import Foundation
import Reconciler
import StateSQLite
import Testing
import TestSupport
import VCCModel

@Suite struct StateRoundTripTests {
    @Test func loadingWhereNothingExistsGivesNoStateAndCreatesNoFile() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        #expect(try await fixture.store.load() == nil)
        #expect(try await fixture.store.currentLock() == nil)
        #expect(try await fixture.store.history(limit: 10).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fixture.path))
        #expect(!FileManager.default.fileExists(atPath: URL(fileURLWithPath: fixture.path).deletingLastPathComponent().path))
    }

    @Test func aFileWithoutStateLoadsAsNoState() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let holder = StateFixtures.holder("L1")
        _ = try await fixture.store.lock(holder, timeout: 0)
        #expect(try await fixture.store.load() == nil)
    }

    @Test func everyResourceKindAndAddressFormRoundTrips() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.ready()
        let serial = try await fixture.commit(StateFixtures.applied(StateFixtures.everyKind), applyID: "apply-1")
        #expect(serial == 1)

        let expected = AppliedState(lineage: "lineage-1", serial: 1, fingerprintSalt: StateFixtures.salt,
                                    resources: StateFixtures.everyKind)
        #expect(try await fixture.store.load() == expected)
        // Another connection reads the same from the file.
        #expect(try await fixture.secondStore().load() == expected)
    }

    @Test func aLargeStateRoundTrips() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.ready()
        let resources = StateFixtures.manySettings(20_000)
        try await fixture.commit(StateFixtures.applied(resources), applyID: "apply-1")
        let loaded = try #require(try await fixture.secondStore().load())
        #expect(loaded.resources == resources)
        #expect(loaded.serial == 1)
    }

    @Test func initializeNeverOverwritesALineage() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let first = try await fixture.store.initialize(lineage: "first", fingerprintSalt: [1, 2, 3])
        #expect(first == AppliedState(lineage: "first", serial: 0, fingerprintSalt: [1, 2, 3]))
        try await fixture.store.beginApply(StateFixtures.apply("a"))
        try await fixture.commit(StateFixtures.applied(StateFixtures.everyKind), applyID: "a")

        let again = try await fixture.secondStore().initialize(lineage: "second", fingerprintSalt: [9])
        #expect(again.lineage == "first")
        #expect(again.fingerprintSalt == [1, 2, 3])
        #expect(again.serial == 1)
        #expect(again.resources == StateFixtures.everyKind)
    }

    @Test func manyProcessesCreatingTheSameStateAtOnceAgreeOnOneLineage() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let lineages = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<8 {
                let store = fixture.secondStore()
                group.addTask { try await store.initialize(lineage: "lineage-\(index)", fingerprintSalt: [UInt8(index)]).lineage }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(lineages.count == 1)
        #expect(try await fixture.store.load()?.lineage == lineages.first)
    }

    @Test func theSerialGoesUpByOnePerCommit() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        #expect(try await fixture.ready().serial == 0)
        let outcomes = StateFixtures.applied(StateFixtures.everyKind)
        #expect(try await fixture.commit(Array(outcomes.prefix(3)), applyID: "apply-1") == 1)
        #expect(try await fixture.commit(Array(outcomes.dropFirst(3)), applyID: "apply-1") == 2)
        let failed = ChangeOutcome(address: .link(accountKey: "X"), status: .failed, resource: nil, code: "E", message: "no")
        #expect(try await fixture.commit([failed], applyID: "apply-1") == 3)
        // Nothing to record: nothing written, the serial stays (a saved plan stays valid).
        #expect(try await fixture.commit([], applyID: "apply-1") == 3)
        #expect(try await fixture.store.load()?.serial == 3)
    }

    @Test func appliedOutcomesUpsertAndDeleteWhileFailedAndPendingOnesChangeNothing() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.ready()
        let org = ResourceAddress.setting(org: "prod", location: .org())
        let secret = ResourceAddress.secret(org: "prod", accountKey: "K")
        let link = ResourceAddress.link(accountKey: "K")
        let profile = ResourceAddress.setting(org: "prod", location: .profile("Sales"))
        try await fixture.commit([
            ChangeOutcome(address: org, status: .applied, resource: .setting(accountKey: "K", recordId: "r1", ownerId: "o1")),
            ChangeOutcome(address: secret, status: .applied, resource: .secret(fingerprint: TokenFingerprint(hex: "aa"))),
            ChangeOutcome(address: link, status: .applied, resource: .link(org: nil, apiUser: nil)),
        ], applyID: "apply-1")

        try await fixture.commit([
            // Update in place.
            ChangeOutcome(address: org, status: .applied, resource: .setting(accountKey: "K2", recordId: "r1", ownerId: "o1")),
            // Leaves state.
            ChangeOutcome(address: secret, status: .applied, resource: nil),
            // A pending link keeps what state knew; a failed create adds nothing.
            ChangeOutcome(address: link, status: .pending, resource: .link(org: "prod", apiUser: "api@x"), message: "press Allow"),
            ChangeOutcome(address: profile, status: .failed, resource: .setting(accountKey: "K", recordId: "r2", ownerId: "o2"),
                          code: "DUPLICATE_VALUE", message: "duplicate value found"),
        ], applyID: "apply-1")

        let state = try #require(try await fixture.store.load())
        #expect(state.resources == [
            org: .setting(accountKey: "K2", recordId: "r1", ownerId: "o1"),
            link: .link(org: nil, apiUser: nil),
        ])
    }

    @Test func committingWithoutStateOrWithoutAnOpenApplyIsRefused() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let outcome = ChangeOutcome(address: .link(accountKey: "K"), status: .applied, resource: .link(org: nil, apiUser: nil))
        await #expect(throws: StateStoreError.notInitialized(path: fixture.path)) {
            try await fixture.commit([outcome], applyID: "a")
        }
        _ = try await fixture.store.initialize(lineage: "l", fingerprintSalt: [1])
        await #expect(throws: StateStoreError.unknownApply(id: "nope")) {
            try await fixture.commit([outcome], applyID: "nope")
        }
        #expect(try await fixture.store.load()?.serial == 0)
    }

    @Test func anOutcomeWhoseResourceDoesNotFitItsAddressCommitsNothing() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.ready()
        let good = ChangeOutcome(address: .link(accountKey: "K"), status: .applied, resource: .link(org: nil, apiUser: nil))
        let bad = ChangeOutcome(address: .link(accountKey: "L"), status: .applied, resource: .secret(fingerprint: TokenFingerprint(hex: "aa")))
        await #expect(throws: StateStoreError.self) {
            try await fixture.commit([good, bad], applyID: "apply-1")
        }
        let state = try #require(try await fixture.store.load())
        #expect(state.resources.isEmpty)
        #expect(state.serial == 0)
    }
}
