import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A cancelled CI job (SIGTERM), Ctrl-C (SIGINT) and a closed terminal (SIGHUP) at random moments
/// of an apply: the process ends with the signal's status, the lock is free, the history entry
/// is `interrupted` (never `running`), what landed is in state, and the next run converges.
@Suite(.serialized) struct HostileSignalTests {
    static let users = 3000
    static let seed: UInt64 = 0x5167_7E12

    @Test func signalsAtRandomMomentsOfAnApplyLeaveNothingHeld() throws {
        let workspace = try LargeConfiguration.workspace(users: Self.users)
        defer { workspace.remove() }
        var random = SeededGenerator(seed: Self.seed)
        let planSeconds = try CrashConvergenceTests.planSeconds(workspace)

        var log: [String] = []
        var stoppedMidway = 0
        for round in 0..<9 {
            let signal = [SIGTERM, SIGINT, SIGHUP][round % 3]
            try workspace.directory.write("vccctl.yaml", LargeConfiguration.config(users: Self.users, variant: round, subset: round % 2 == 1))
            let apply = try workspace.start(["apply", "--auto-approve", "--lock-timeout", "0", "vccctl.yaml"])
            let point = CrashConvergenceTests.killPoint(apply, planSeconds: planSeconds, random: &random)
            apply.signal(signal)
            let status = apply.wait()
            let name = [SIGTERM: "SIGTERM", SIGINT: "SIGINT", SIGHUP: "SIGHUP"][signal] ?? ""
            log.append("round \(round): \(name) \(point): status \(status); \(CrashConvergenceTests.progress(apply.stdout))")
            #expect(!apply.killedBySignal, "round \(round): the signal ended the process without cleaning up")
            #expect(status == 0 || status == 128 + signal, "round \(round) exited \(status):\n\(apply.stderr.suffix(2000))")
            #expect(!apply.stderr.contains("Fatal error"), "\(apply.stderr)")
            // Nothing is left held, whatever the moment.
            #expect(try workspace.heldLockID() == nil, "round \(round): the lock is still held after \(name) \(point)")
            let newest = try workspace.history(limit: 1).first
            #expect(newest?.status != "running", "round \(round): \(String(describing: newest))")
            if apply.stdout.contains("interrupted by \(name)") {
                stoppedMidway += 1
                #expect(status == 128 + signal)
                #expect(newest?.status == "interrupted", "round \(round): \(String(describing: newest))")
                #expect(apply.stdout.contains("What landed is in state; apply again to finish."), "\(apply.stdout.suffix(800))")
                #expect(apply.stderr.contains("\(name) received: stopping after the changes in flight"), "\(apply.stderr)")
            }
            // The next run converges, taking nothing over (the lock was freed).
            let rerun = try workspace.expect(["apply", "--auto-approve", "--lock-timeout", "0", "vccctl.yaml"], status: 0)
            #expect(!rerun.stderr.contains("took over"), "\(rerun.stderr)")
            #expect(!rerun.stdout.contains("DUPLICATE_VALUE") && !rerun.stdout.contains(": failed"), "\(rerun.stdout.suffix(1500))")
            try workspace.expect(["plan", "--detailed-exitcode", "vccctl.yaml"], status: 0)
        }
        #expect(stoppedMidway >= 2, Comment(rawValue: "too few signals caught an apply between batches:\n" + log.joined(separator: "\n")))
        let records = try workspace.orgSettings()
        let state = try workspace.stateAddresses().filter { $0.hasPrefix("setting.") }
        #expect(Set(state) == Set(records.map(\.address)))
        print("HostileSignalTests: \(stoppedMidway) of 9 stopped between batches\n" + log.joined(separator: "\n"))
    }

    /// A run waiting for the lock holds nothing: a signal ends it at once and the holder keeps its
    /// lock and finishes.
    @Test func aSignalWhileWaitingForTheLockLeavesTheHoldersLock() throws {
        let workspace = try LargeConfiguration.workspace(users: Self.users)
        defer { workspace.remove() }
        let first = try LockTests.stoppedApply(workspace)
        defer { first.signal(SIGCONT) }
        let id = try #require(try workspace.heldLockID())
        let waiting = try workspace.start(["apply", "--auto-approve", "--lock-timeout", "120", "vccctl.yaml"])
        usleep(500_000)
        #expect(waiting.process.isRunning)
        waiting.signal(SIGTERM)
        #expect(waiting.wait() == 128 + SIGTERM)
        #expect(waiting.stdout.isEmpty)
        #expect(try workspace.heldLockID() == id)
        first.signal(SIGCONT)
        #expect(first.wait() == 0, "\(first.stderr)")
        #expect(try workspace.heldLockID() == nil)
        try workspace.expect(["plan", "--detailed-exitcode", "vccctl.yaml"], status: 0)
    }

    /// A SIGTERM queued while the apply is stopped (SIGSTOP) just after printing its plan is
    /// handled when it resumes: it stops, commits what landed and frees its lock.
    @Test func aSignalToAStoppedApplyFreesTheLockWhenItResumes() throws {
        let workspace = try LargeConfiguration.workspace(users: Self.users)
        defer { workspace.remove() }
        let first = try LockTests.stoppedApply(workspace)
        #expect(try workspace.heldLockID() != nil)
        first.signal(SIGTERM)
        first.signal(SIGCONT)
        let status = first.wait()
        #expect(status == 128 + SIGTERM, "\(first.stdout.suffix(1000))\n\(first.stderr)")
        #expect(try workspace.heldLockID() == nil)
        #expect(try workspace.history(limit: 1).first?.status != "running")
        try workspace.expect(["apply", "--auto-approve", "--lock-timeout", "0", "vccctl.yaml"], status: 0)
        try workspace.expect(["plan", "--detailed-exitcode", "vccctl.yaml"], status: 0)
    }
}
