import Foundation
import GRDB
import Reconciler
@testable import StateSQLite
import Testing
import TestSupport

/// The history keeps every outcome of every apply, yet a large apply costs a fraction of a copy of
/// the state: each commit's outcomes are one compact batch (`OutcomeBatchCoding`), read back
/// exactly as they were committed, in order with outcomes an older vccctl wrote one per row.
@Suite struct HistorySizeTests {
    /// Every shape an outcome takes: each resource kind, none, failed and pending ones with codes
    /// and messages, empty and non-ASCII texts, and neighbours that share nothing.
    static let shapes: [ChangeOutcome] = {
        var outcomes = StateFixtures.applied(StateFixtures.everyKind)
        outcomes += [
            ChangeOutcome(address: .setting(org: "prod", location: .user("gone@acme.example")), status: .applied, resource: nil),
            ChangeOutcome(address: .setting(org: "prod", location: .profile("Überprüfung — 営業")), status: .failed, resource: nil,
                          code: "DUPLICATE_VALUE", message: "duplicate value found: SetupOwnerId duplicates value on record with id: a0B0"),
            ChangeOutcome(address: .link(accountKey: "ACME-EU-01"), status: .pending, resource: nil,
                          code: ChangeOutcome.consentRequired, message: "log in as vcc-api@acme.example and press Allow"),
            ChangeOutcome(address: .link(accountKey: "ACME-EU-01"), status: .applied, resource: .link(org: nil, apiUser: nil)),
            ChangeOutcome(address: .secret(org: "dev", accountKey: "x"), status: .failed, resource: nil, code: "", message: ""),
            ChangeOutcome(address: .setting(org: "p", location: .org()), status: .applied,
                          resource: .setting(accountKey: "", recordId: "a", ownerId: "")),
        ]
        return outcomes
    }()

    @Test func everyShapeOfOutcomeRoundTrips() throws {
        let data = OutcomeBatchCoding.encode(Self.shapes)
        #expect(try OutcomeBatchCoding.decode(data) == Self.shapes)
        // Right after itself, an outcome costs a few bytes (a setting: two of status and presence,
        // three numbers for each of its four texts).
        let setting = ChangeOutcome(address: .setting(org: "prod", location: .user("jane@acme.example")), status: .applied,
                                    resource: .setting(accountKey: "ACME-EU-01", recordId: "a0B000000000001AAA", ownerId: "005000000000001AAA"))
        let one = OutcomeBatchCoding.encode([setting]).count
        let hundred = OutcomeBatchCoding.encode(Array(repeating: setting, count: 100)).count
        #expect(Double(hundred - one) / 99 <= 14, "\(Double(hundred - one) / 99) bytes per repeat")
        #expect(try OutcomeBatchCoding.decode(OutcomeBatchCoding.encode(Array(repeating: setting, count: 100))).count == 100)
    }

    @Test func aDamagedBatchIsAnErrorNotACrash() throws {
        let data = [UInt8](OutcomeBatchCoding.encode(Self.shapes))
        for cut in [2, data.count / 3, data.count - 1] {
            #expect(throws: ResourceColumnsError.self) { try OutcomeBatchCoding.decode(Data(data.prefix(cut))) }
        }
        var garbled = data
        garbled[3] = 0xFF
        garbled[4] = 0xFF
        #expect(throws: (any Error).self) { try OutcomeBatchCoding.decode(Data(garbled)) }
        #expect(throws: ResourceColumnsError.self) { try OutcomeBatchCoding.decode(Data([9])) }
    }

    /// Twenty applies that each change all 2,000 settings (keys alternate), committed in batches of
    /// 500 as the apply engine does: the whole file, history included, stays under 40 bytes per
    /// outcome kept (a row per outcome took about 150), and the history reads back every outcome.
    @Test func aLargeHistoryCostsAFractionOfACopyPerApply() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let applies = 20
        let settings = StateFixtures.manySettings(2_000).sorted { $0.key < $1.key }
        var committed: [[ChangeOutcome]] = []
        try await fixture.ready(applyID: "apply-0")
        for apply in 0..<applies {
            let id = "apply-\(apply)"
            if apply > 0 { try await fixture.store.beginApply(StateFixtures.apply(id, startedAt: 1_700_000_000 + Double(apply))) }
            let outcomes = settings.map { address, resource in
                guard case .setting(_, let recordId, let ownerId) = resource else { fatalError("a setting") }
                return ChangeOutcome(address: address, status: .applied,
                                     resource: .setting(accountKey: "KEY-\(apply % 2)", recordId: recordId, ownerId: ownerId))
            }
            for start in stride(from: 0, to: outcomes.count, by: 500) {
                try await fixture.commit(Array(outcomes[start..<min(start + 500, outcomes.count)]), applyID: id)
            }
            committed.append(outcomes)
        }

        let history = try await fixture.store.history(limit: applies)
        #expect(history.map(\.outcomes) == committed.reversed())

        let queue = try DatabaseQueue(path: fixture.path)
        try await queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let pages = try await queue.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0) - (try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0)
        }
        try queue.close()
        let bytesPerOutcome = Double(pages * 4096) / Double(applies * settings.count)
        #expect(bytesPerOutcome < 40, "\(bytesPerOutcome) bytes per outcome kept")
    }

    /// An apply left pending by a vccctl that wrote outcomes one per row gets its later outcomes
    /// as batches: the history shows them all, in the order they landed.
    @Test func outcomesWrittenOnePerRowAndInBatchesReadInOrder() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try StateMigrationTests.versionOneState(at: fixture.path)
        let later = ChangeOutcome(address: .link(accountKey: "K"), status: .applied, resource: .link(org: "prod", apiUser: "u"))
        try await fixture.commit([later], applyID: "first")
        let first = try #require(try await fixture.store.history(limit: 10).first { $0.id == "first" })
        #expect(first.outcomes.map(\.address.description) == ["setting.prod.org", "link[\"K\"]", "link[\"K\"]"])
        #expect(first.outcomes.last == later)
        #expect(first.outcomes.map(\.status) == [.failed, .pending, .applied])
    }
}
