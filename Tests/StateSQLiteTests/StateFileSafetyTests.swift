import Foundation
import GRDB
import Reconciler
import StateSQLite
import Testing
import TestSupport
import VCCModel

@Suite struct StateFileSafetyTests {
    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func theFileAndItsWALAndSharedMemoryAreOwnerOnly() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.ready()
        try await fixture.commit(StateFixtures.applied(StateFixtures.everyKind), applyID: "apply-1")
        #expect(try await fixture.store.currentLock() != nil, "the fixture's commit held the lock")

        for suffix in ["", "-wal", "-shm"] {
            #expect(FileManager.default.fileExists(atPath: fixture.path + suffix), "\(suffix) missing")
            #expect(try Self.mode(fixture.path + suffix) == 0o600, "mode of state.sqlite\(suffix)")
        }
        #expect(try Self.mode(URL(fileURLWithPath: fixture.path).deletingLastPathComponent().path) == 0o700)
    }

    /// vccctl sets the mode only of files it creates: an existing state file's mode, wider or
    /// not, is the owner's business (it may not even be vccctl's file).
    @Test func anExistingFilesModeIsLeftAlone() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.ready()
        let reopened = SQLiteStateStore(path: fixture.path)
        _ = chmod(fixture.path, 0o640)
        #expect(try await reopened.load() != nil)
        #expect(try Self.mode(fixture.path) == 0o640)
    }

    /// Whatever is at the state path that is not a regular file is refused before SQLite opens
    /// it, on a read too, and left as it was: a FIFO, a link (dangling or not), a link in place
    /// of the WAL.
    @Test func aFIFOOrALinkIsRefusedAndLeftAsItWas() async throws {
        let directory = try TemporaryDirectory("vccctl-state-types")
        defer { directory.remove() }
        let fifo = directory.path + "/fifo.sqlite"
        #expect(SpecialFiles.makeFIFO(fifo))
        let dangling = directory.path + "/dangling.sqlite"
        #expect(SpecialFiles.makeSymbolicLink(dangling, to: directory.path + "/elsewhere.sqlite"))
        for path in [fifo, dangling] {
            let error = await #expect(throws: StateStoreError.self) { try await SQLiteStateStore(path: path).load() }
            guard case .unusable(let reported, _)? = error else {
                Issue.record("\(path): expected unusable, got \(String(describing: error))")
                continue
            }
            #expect(reported == path)
            await #expect(throws: StateStoreError.self) {
                try await SQLiteStateStore(path: path).initialize(lineage: "l", fingerprintSalt: [1])
            }
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/elsewhere.sqlite"))
        #expect(SpecialFiles.mode(fifo).map { $0 & S_IFMT } == S_IFIFO)
    }

    @Test(.enabled(if: SpecialFiles.canMakeDevices, "mknod needs root"))
    func aDeviceIsRefusedAndItsModeUntouched() async throws {
        let directory = try TemporaryDirectory("vccctl-state-types")
        defer { directory.remove() }
        let null = directory.path + "/null"
        #expect(SpecialFiles.makeCharacterDevice(null, major: 1, minor: 3))
        _ = chmod(null, 0o666)
        let error = await #expect(throws: StateStoreError.self) { try await SQLiteStateStore(path: null).load() }
        #expect("\(error.map { "\($0)" } ?? "")".contains("it is a character device, not a regular file"))
        #expect(SpecialFiles.isCharacterDevice(null))
        #expect(try Self.mode(null) == 0o666)
    }

    /// A token goes in only as its fingerprint: no byte of it reaches the database or its WAL.
    /// The canary is the value of the token variable of a real plan and apply (the library's
    /// sessions, an in-memory org and VCC) committing to this store, and VCC's refusal of it
    /// quotes the key, as error messages do: whatever path a token could take into state, it
    /// was handed to it.
    @Test func aCanaryTokenNeverReachesTheFile() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let canary = "canary-7f3a9c1e-do-not-store-me"
        let orgId = "00D000000000001AAA"
        let target = FakeTarget(owners: [.org(): OwnerResolution(ownerId: orgId),
                                         .profile("Agents"): OwnerResolution(ownerId: "00e000000000001AAA")])
        let vcc = FakeVCC()
        vcc.useKey("ACME-EU-01", orgId: orgId)
        let remote = RemoteSystems(target: target, vcc: vcc)
        let variables = ["VCC_TOKEN_ACME_EU": canary, "VCC_TOKEN_ACME_US": canary + "-us"]
        let environment: @Sendable (String) -> String? = { variables[$0] }
        var desired = DesiredState()
        desired.orgs["prod"] = OrgDeclaration(name: "prod", environment: .production)
        // EU's token is stored; US's is refused (VCC sees no record carrying its key), so a failed
        // outcome is committed too.
        desired.accounts["ACME-EU-01"] = AccountDeclaration(
            key: "ACME-EU-01", token: TokenReference(environmentVariable: "VCC_TOKEN_ACME_EU"), locations: ["prod": [.org()]], link: nil)
        desired.accounts["ACME-US-01"] = AccountDeclaration(
            key: "ACME-US-01", token: TokenReference(environmentVariable: "VCC_TOKEN_ACME_US"), locations: ["prod": [.profile("Agents")]], link: nil)

        let planned = try await PlanningSession(remote: remote, store: fixture.store, environment: environment)
            .plan(desired, newStateSalt: Array("salt-of-the-lineage".utf8))
        let plan = try #require(planned.plan, "\(planned.diagnostics)")
        let holder = LockHolder(id: "L", who: "t", host: "h", pid: 1, command: "apply", since: 0)
        let summary = try await StateLock.withLock(fixture.store, holder: holder, timeout: 0) { held in
            try await ApplySession(remote: remote, store: fixture.store, environment: environment, budget: APIBudget(),
                                   who: "t", host: "h", clock: { 1_700_000_000 }).apply(plan, lockID: held.id)
        }
        #expect(summary.applied == 3 && summary.failed == 1, "two records and the EU secret land, the US secret fails: \(summary.outcomes)")
        _ = try await fixture.store.history(limit: 5)
        let state = try #require(try await fixture.store.load())
        guard case .secret(let fingerprint)? = state.resources[.secret(org: "prod", accountKey: "ACME-EU-01")] else {
            Issue.record("no secret in state: \(state.resources)")
            return
        }

        var bytes: [UInt8] = []
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: fixture.path + suffix) {
            bytes += try Array(Data(contentsOf: URL(fileURLWithPath: fixture.path + suffix)))
        }
        // The scan sees what was written (the fingerprint is there), and the canary is not.
        #expect(Self.contains(bytes, fingerprint.hex))
        #expect(fingerprint == TokenFingerprint(token: canary, salt: state.fingerprintSalt))
        #expect(!Self.contains(bytes, canary))
        #expect(!Self.contains(bytes, String(canary.prefix(16))))
        #expect(!Self.contains(bytes, "do-not-store-me"))
    }

    static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard needle.count <= bytes.count else { return false }
        return (0...(bytes.count - needle.count)).contains { start in
            bytes[start] == needle[0] && bytes[start..<start + needle.count].elementsEqual(needle)
        }
    }

    @Test func aFileThatIsNotADatabaseIsReportedAsDamaged() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try fixture.directory.write(".vccctl/state.sqlite", String(repeating: "not a database. ", count: 512))
        let error = await #expect(throws: StateStoreError.self) { try await fixture.store.load() }
        guard case .corrupt(let path, _)? = error else {
            Issue.record("expected corrupt, got \(String(describing: error))")
            return
        }
        #expect(path == fixture.path)
        #expect("\(error!)".contains("Restore it from a backup"))
    }

    @Test func anotherSQLiteDatabaseIsNotTakenForAState() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: fixture.path).deletingLastPathComponent().path,
                                                withIntermediateDirectories: true)
        let other = try DatabaseQueue(path: fixture.path)
        try await other.write { db in try db.execute(sql: "CREATE TABLE org (name TEXT)") }
        await #expect(throws: StateStoreError.notAStateFile(path: fixture.path)) { try await fixture.store.load() }
        await #expect(throws: StateStoreError.notAStateFile(path: fixture.path)) {
            try await fixture.store.lock(StateFixtures.holder("L"), timeout: 0)
        }
    }

    @Test func aStateWrittenByANewerVccctlIsRefused() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.ready()
        let other = try DatabaseQueue(path: fixture.path)
        try await other.write { db in try db.execute(sql: "UPDATE meta SET format_version = 99") }
        await #expect(throws: StateStoreError.newerFormat(path: fixture.path, found: 99, supported: 2)) {
            try await fixture.secondStore().load()
        }

        try await other.write { db in
            try db.execute(sql: "UPDATE meta SET format_version = 2")
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('state-v9-from-the-future')")
        }
        let error = await #expect(throws: StateStoreError.self) { try await fixture.secondStore().load() }
        #expect(error == .newerFormat(path: fixture.path, found: nil, supported: 2))
        // Not "format version 2; this vccctl reads up to format version 2".
        #expect("\(error!)".contains("was written by a newer vccctl") && "\(error!)".contains("Upgrade vccctl"))
        #expect(!"\(error!)".contains("format version 2"))
    }
}
