import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// One writer at a time: a second apply waits for the lock or fails naming who holds it, and a
/// lock left by a killed process is freed with `state unlock ID`.
@Suite struct LockTests {
    static let users = 3000

    static var hostName: String {
        var name = [CChar](repeating: 0, count: 256)
        guard gethostname(&name, name.count) == 0 else { return "unknown" }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Starts an apply of the large configuration and returns once it holds the lock (it printed
    /// its plan, which it makes under the lock), stopped with SIGSTOP so it keeps holding it.
    static func stoppedApply(_ workspace: EndToEndWorkspace) throws -> BackgroundCommand {
        let apply = try workspace.start(["apply", "--auto-approve", "vccctl.yaml"])
        let planned = apply.waitForOutput("Plan: ")
        apply.signal(SIGSTOP)
        try #require(planned, "the first apply never printed its plan:\n\(apply.stdout.prefix(2000))\n\(apply.stderr)")
        try #require(apply.process.isRunning, "the first apply finished before it could be stopped")
        return apply
    }

    @Test func aSecondApplyWaitsOrFailsNamingTheHolder() throws {
        let workspace = try LargeConfiguration.workspace(users: Self.users)
        defer { workspace.remove() }
        let first = try Self.stoppedApply(workspace)
        defer { first.signal(SIGCONT) }

        // The outcome, not how long it took: it gives up, names the holder and does nothing.
        let second = try workspace.run(["apply", "--auto-approve", "--lock-timeout", "0.2", "vccctl.yaml"])
        #expect(second.status == 1, "\(second.stdout.prefix(2000))")
        #expect(second.stderr.contains("error: the state is locked by e2e-tester on \(Self.hostName) (pid \(first.pid), 'vccctl apply vccctl.yaml') since "),
                "\(second.stderr)")
        #expect(second.stderr.contains("lock ID "))
        #expect(second.stderr.contains("--lock-timeout waits longer"))
        #expect(second.stdout.isEmpty, "nothing was planned or applied: \(second.stdout.prefix(500))")

        // Reading needs no lock.
        try workspace.expect(["plan", "--detailed-exitcode", "vccctl.yaml"], status: 2)
        // The holder is visible without trying to take the lock.
        let lockID = try workspace.heldLockID()
        #expect(lockID != nil && lockID == LockMessage.id(in: second.stderr))
        // The lock of a running process is not freed by a wrong id.
        let wrong = try workspace.run(["state", "unlock", "not-the-lock"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("is not the lock held now"), "\(wrong.stderr)")

        // A third apply with a longer timeout waits for the first and then finds nothing to do.
        let third = try workspace.start(["apply", "--auto-approve", "--lock-timeout", "120", "vccctl.yaml"])
        usleep(600_000)
        #expect(third.process.isRunning, "the third apply should wait: \(third.stdout.prefix(500)) \(third.stderr)")
        #expect(third.stdout.isEmpty)
        first.signal(SIGCONT)
        #expect(first.wait() == 0, "\(first.stderr)")
        #expect(third.wait() == 0, "\(third.stderr)")
        #expect(third.stdout.contains("No changes."), "\(third.stdout.prefix(1000))")
        #expect(try workspace.heldLockID() == nil)
        try workspace.expect(["plan", "--detailed-exitcode", "vccctl.yaml"], status: 0)
    }

    /// A lock whose holder was killed is no obstacle on the holder's own host: the next apply takes
    /// it over at once (no `state unlock`, no waiting), says so, and marks the killed apply
    /// interrupted. `state unlock ID` still frees a lock by its ID (from another host, say).
    @Test func theLockOfAKilledApplyIsTakenOverByTheNextRun() throws {
        let workspace = try LargeConfiguration.workspace(users: Self.users)
        defer { workspace.remove() }
        let first = try Self.stoppedApply(workspace)
        first.signal(SIGKILL)
        #expect(first.wait() == 128 + SIGKILL)
        let id = try #require(try workspace.heldLockID(), "the killed apply's lock is held")

        let wrong = try workspace.run(["state", "unlock", "0000"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("which is \(id)"), "\(wrong.stderr)")
        #expect(wrong.stderr.contains("Process \(first.pid) is not running on \(Self.hostName)"), "\(wrong.stderr)")

        let apply = try workspace.expect(["apply", "--auto-approve", "--lock-timeout", "0", "vccctl.yaml"], status: 0)
        #expect(apply.stderr.contains("note: took over the state lock \(id) of e2e-tester ('vccctl apply vccctl.yaml'): process \(first.pid) is no longer running on \(Self.hostName)"),
                "\(apply.stderr)")
        #expect(!apply.stdout.contains("DUPLICATE_VALUE"))
        #expect(try workspace.heldLockID() == nil)
        try workspace.expect(["plan", "--detailed-exitcode", "vccctl.yaml"], status: 0)
        let addresses = try workspace.stateAddresses().filter { $0.hasPrefix("setting.") }
        #expect(addresses.count == Self.users + 2)
        #expect(Set(try workspace.orgSettings().map(\.address)) == Set(addresses))
        let history = try EndToEndWorkspace.history(
            json: try workspace.expect(["state", "history", "--format", "json"], status: 0).stdout)
        // Killed once its plan was printed: before or after it opened its history entry.
        #expect(history.first?.status == "succeeded" && !history.contains { $0.status == "running" }, "\(history)")
    }

    /// `state unlock ID` frees the lock of a run that still exists (stopped here): that run then
    /// finds it lost the lock and commits nothing more.
    @Test func unlockFreesALockByItsID() throws {
        let workspace = try LargeConfiguration.workspace(users: Self.users)
        defer { workspace.remove() }
        let first = try Self.stoppedApply(workspace)
        let id = try #require(try workspace.heldLockID())
        let unlock = try workspace.expect(["state", "unlock", id], status: 0)
        #expect(unlock.stdout == "Unlocked \(id).\n")
        let again = try workspace.run(["state", "unlock", id])
        #expect(again.status == 1)
        #expect(again.stderr.contains("the state is not locked"), "\(again.stderr)")
        first.signal(SIGCONT)
        #expect(first.wait() == 1)
        #expect(first.stderr.contains("the state lock \(id) is no longer held by this run"), "\(first.stderr)")
        #expect(try workspace.heldLockID() == nil)
        try workspace.expect(["apply", "--auto-approve", "--lock-timeout", "0", "vccctl.yaml"], status: 0)
        try workspace.expect(["plan", "--detailed-exitcode", "vccctl.yaml"], status: 0)
    }
}
