import Foundation
import Reconciler
import StateSQLite
import Testing
import TestSupport

/// Another process (the sqlite3 shell) takes the lock in a write transaction that it keeps open
/// for a while. Whichever of the two writes first, exactly one holder results, and the loser
/// learns who holds it.
@Suite struct TwoProcessLockTests {
    static let shell = "/usr/bin/sqlite3"

    /// Fails, never skips, without the shell: a skipped test proves nothing, and `.ci/run`
    /// installs it (apt `sqlite3`).
    @Test func aLockTakenByAnotherProcessIsSeenAndNeverShared() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.shell),
                     "\(Self.shell) is missing: install the sqlite3 shell (apt-get install sqlite3), as .ci/run does")
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        _ = try await fixture.store.initialize(lineage: "l", fingerprintSalt: [1])

        let other = Process()
        other.executableURL = URL(fileURLWithPath: Self.shell)
        other.arguments = [fixture.path]
        let input = Pipe()
        let errors = Pipe()
        other.standardInput = input
        other.standardOutput = FileHandle.nullDevice
        other.standardError = errors
        try other.run()
        input.fileHandleForWriting.write(Data("""
            .timeout 10000
            .bail on
            BEGIN IMMEDIATE;
            INSERT INTO lock (slot, id, who, host, pid, command, since) VALUES (1, 'OTHER', 'bob', 'ci-7', 99, 'vccctl apply', 0);
            WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1500000) SELECT count(*) FROM c;
            COMMIT;

            """.utf8))
        try input.fileHandleForWriting.close()
        try await Task.sleep(for: .milliseconds(100))

        let mine = StateFixtures.holder("MINE")
        var taken: LockHolder?
        var refusal: StateLockError?
        do {
            taken = try await fixture.store.lock(mine, timeout: 0)
        } catch let error as StateLockError {
            refusal = error
        }
        other.waitUntilExit()
        let otherErrors = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)

        let holder = try #require(try await fixture.secondStore().currentLock())
        if let taken {
            // We wrote first: the other process's insert hit the single lock row.
            #expect(taken == mine && holder == mine)
            #expect(otherErrors.contains("UNIQUE constraint failed"), "\(otherErrors)")
        } else {
            #expect(holder.id == "OTHER" && other.terminationStatus == 0, "\(otherErrors)")
            #expect(refusal == .held(by: holder))
            #expect("\(try #require(refusal))".contains("bob on ci-7 (pid 99, 'vccctl apply')"))
        }
    }
}
