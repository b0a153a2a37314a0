import Foundation
import Reconciler
import StateSQLite
import TestSupport
import VCCModel

/// A store in a fresh temp dir of its own (at `<dir>/.vccctl/state.sqlite`, as callers default).
struct StoreFixture {
    let directory: TemporaryDirectory
    let path: String
    let store: SQLiteStateStore

    init(_ label: String = "state") throws {
        directory = try TemporaryDirectory("vccctl-\(label)")
        path = directory.url.appendingPathComponent(".vccctl/state.sqlite").path
        store = SQLiteStateStore(path: path, lockPollInterval: 0.05)
    }

    /// Another store (another connection) on the same file, as a second process would have.
    func secondStore() -> SQLiteStateStore {
        SQLiteStateStore(path: path, lockPollInterval: 0.05)
    }

    /// The lock the fixture takes when a test commits without holding one itself.
    static let lockID = "fixture-lock"

    /// Initializes the state and opens an apply `id`, ready for commits, under the lock held
    /// now or else the fixture's.
    @discardableResult
    func ready(applyID: String = "apply-1", lineage: String = "lineage-1") async throws -> AppliedState {
        _ = try await heldLockID()
        let state = try await store.initialize(lineage: lineage, fingerprintSalt: StateFixtures.salt)
        try await store.beginApply(StateFixtures.apply(applyID))
        return state
    }

    /// Commits under the lock held now (taking the fixture's when it is free), from the serial
    /// the state has now: what an apply holding the lock does.
    @discardableResult
    func commit(_ outcomes: [ChangeOutcome], applyID: String) async throws -> Int64 {
        let lockID = try await heldLockID()
        let serial = try await store.load()?.serial ?? 0
        return try await store.commit(outcomes, applyID: applyID, expected: CommitPrecondition(lockID: lockID, serial: serial))
    }

    private func heldLockID() async throws -> String {
        if let current = try await store.currentLock() { return current.id }
        return try await store.tryLock(StateFixtures.holder(Self.lockID)).id
    }

    func remove() { directory.remove() }
}

enum StateFixtures {
    static let salt: [UInt8] = Array(0..<32)

    static func apply(_ id: String, startedAt: Double = 1_700_000_000, digest: String = "sha256:abc") -> ApplyRecord {
        ApplyRecord(id: id, who: "jane", host: "build-01", startedAt: startedAt, planDigest: digest, status: .running)
    }

    static func holder(_ id: String, pid: Int32 = 4242, host: String = "elsewhere.example") -> LockHolder {
        LockHolder(id: id, who: "jane", host: host, pid: pid, command: "vccctl apply", since: 1_700_000_000)
    }

    /// Every resource kind and every address form, names with quotes, backslashes, dots, brackets,
    /// spaces and non-ASCII letters.
    static let everyKind: [ResourceAddress: AppliedResource] = [
        .setting(org: "prod", location: .org()):
            .setting(accountKey: "ACME-EU-01", recordId: "a0B000000000001AAA", ownerId: "00D000000000001AAA"),
        .setting(org: "prod", location: .profile("Support Agent")):
            .setting(accountKey: "0123", recordId: "a0B000000000002AAA", ownerId: "00e000000000002AAA"),
        .setting(org: "prod", location: .profile(#"Quote "Q" and back\slash \\ end\"#)):
            .setting(accountKey: "no", recordId: "a0B000000000003AAA", ownerId: "00e000000000003AAA"),
        .setting(org: "dev", location: .user("jane@acme.example.dev")):
            .setting(accountKey: "ACME-EU-01", recordId: "a0B000000000004AAA", ownerId: "005000000000004AAA"),
        .setting(org: "dev", location: .user(#"o'brien.[x]"@acme.example"#)):
            .setting(accountKey: "ACME-EU-01", recordId: "a0B000000000005AAA", ownerId: "005000000000005AAA"),
        .setting(org: "prod", location: .profile("Überprüfung — 営業")):
            .setting(accountKey: "K", recordId: "a0B000000000006AAA", ownerId: "00e000000000006AAA"),
        .secret(org: "prod", accountKey: "ACME-EU-01"): .secret(fingerprint: TokenFingerprint(token: "t1", salt: salt)),
        .secret(org: "dev", accountKey: #"we"ird\key"#): .secret(fingerprint: TokenFingerprint(hex: "00ff")),
        .link(accountKey: "ACME-EU-01"): .link(org: "prod", apiUser: "vcc-api@acme.example"),
        .link(accountKey: #"K\"#): .link(org: nil, apiUser: nil),
        .link(accountKey: "half"): .link(org: "prod", apiUser: nil),
    ]

    static func applied(_ resources: [ResourceAddress: AppliedResource]) -> [ChangeOutcome] {
        resources.sorted { $0.key < $1.key }.map { ChangeOutcome(address: $0.key, status: .applied, resource: $0.value) }
    }

    /// `count` user settings in org `prod`, as a large state holds them.
    static func manySettings(_ count: Int) -> [ResourceAddress: AppliedResource] {
        var resources: [ResourceAddress: AppliedResource] = [:]
        resources.reserveCapacity(count)
        for index in 0..<count {
            let id = String(index, radix: 36)
            resources[.setting(org: "prod", location: .user("user\(index)@acme.example"))] =
                .setting(accountKey: "ACME-\(index % 50)", recordId: "a0B" + String(repeating: "0", count: 12 - id.count) + id + "AAA",
                         ownerId: "005" + String(repeating: "0", count: 12 - id.count) + id + "AAA")
        }
        return resources
    }
}
