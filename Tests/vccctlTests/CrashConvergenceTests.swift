import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `kill -9` an apply of a large configuration at random points, again and again: no re-run fails
/// on a duplicate record, the last one converges, and the state matches the org record for record.
/// The history shows each killed apply as interrupted once its lock is freed; none stays running.
@Suite struct CrashConvergenceTests {
    static let users = 2500
    static let kills = 20
    static let seed: UInt64 = 0x5EED_CAFE

    @Test func killedAppliesConvergeWithoutDuplicates() throws {
        let workspace = try LargeConfiguration.workspace(users: Self.users)
        defer { workspace.remove() }
        var random = SeededGenerator(seed: Self.seed)

        let planSeconds = try Self.planSeconds(workspace)

        var killed = 0
        var completed = 0
        var attempt = 0
        var log: [String] = []
        var interrupted: [String] = []
        while killed < Self.kills, attempt < Self.kills * 2 {
            // Each attempt reshuffles which account each user gets, and every other one leaves a
            // fifth of the users out: the applies create, update and delete. The first starts
            // from an empty org.
            let variant = attempt
            let subset = attempt % 2 == 1
            try workspace.directory.write("vccctl.yaml", LargeConfiguration.config(users: Self.users, variant: variant, subset: subset))
            try Self.freeLock(workspace, log: &log)
            let newestBefore = try workspace.history(limit: 1).first?.id

            let apply = try workspace.start(["apply", "--auto-approve", "--lock-timeout", "0", "vccctl.yaml"])
            let point = Self.killPoint(apply, planSeconds: planSeconds, random: &random)
            apply.signal(SIGKILL)
            let status = apply.wait()
            let output = apply.stdout + apply.stderr
            #expect(!output.contains("DUPLICATE_VALUE"), "attempt \(attempt) hit a duplicate:\n\(Self.failures(in: output))")
            #expect(!apply.stdout.contains(": failed "), "attempt \(attempt) had failed changes:\n\(Self.failures(in: output))")
            // The killed runs' journals: their own writes are never taken for changes made outside.
            #expect(!apply.stdout.contains("changed outside") && !apply.stdout.contains("will be adopted"),
                    "attempt \(attempt) took vccctl's own writes for drift:\n\(apply.stdout.prefix(3000))")
            if apply.killedBySignal {
                killed += 1
                log.append("attempt \(attempt): killed \(point); \(Self.progress(apply.stdout))")
                interrupted += try Self.freeLockOfKilledApply(workspace, newestBefore: newestBefore, log: &log)
            } else {
                completed += 1
                #expect(status == 0, "attempt \(attempt) exited \(status):\n\(apply.stderr)\n\(Self.failures(in: apply.stdout))")
                log.append("attempt \(attempt): finished before the kill (\(point)), status \(status); \(Self.progress(apply.stdout))")
            }

            // Every fifth kill, the same configuration is applied again to the end: it converges.
            if apply.killedBySignal, killed % 5 == 0 {
                try Self.freeLock(workspace, log: &log)
                let rerun = try workspace.expect(["apply", "--auto-approve", "--lock-timeout", "0", "vccctl.yaml"], status: 0)
                #expect(!rerun.stdout.contains("DUPLICATE_VALUE"), "\(Self.failures(in: rerun.stdout))")
                try workspace.expect(["plan", "--detailed-exitcode", "vccctl.yaml"], status: 0)
            }
            attempt += 1
        }
        #expect(killed >= Self.kills, "only \(killed) of \(attempt) applies were killed mid-way")

        // The full configuration, applied to the end.
        try workspace.directory.write("vccctl.yaml", LargeConfiguration.config(users: Self.users, variant: attempt))
        try Self.freeLock(workspace, log: &log)
        let final = try workspace.expect(["apply", "--auto-approve", "--lock-timeout", "0", "vccctl.yaml"], status: 0)
        #expect(!final.stdout.contains("DUPLICATE_VALUE"), "\(Self.failures(in: final.stdout))")
        try workspace.expect(["plan", "--detailed-exitcode", "vccctl.yaml"], status: 0)
        try workspace.expect(["drift", "--detailed-exitcode", "vccctl.yaml"], status: 0)

        // State and org agree: each declared owner has its record, each in state, none in state that
        // is not in the org. (One record per owner and one state entry per address are unique keys
        // of the org and the state: no run can break them, so they are not checked here; a second
        // create for an owner shows as DUPLICATE_VALUE, checked above and in the history below.)
        let records = try workspace.orgSettings()
        let owners = Set(records.map(\.address))
        #expect(records.count == Self.users + 2)
        let state = try workspace.stateAddresses()
        let stateSettings = state.filter { $0.hasPrefix("setting.") }
        #expect(Set(stateSettings) == owners,
                "only in state: \(Set(stateSettings).subtracting(owners).prefix(5)); only in the org: \(owners.subtracting(stateSettings).prefix(5))")
        #expect(state.contains("secret.prod[\"BIG-0\"]") && state.contains("secret.prod[\"BIG-1\"]"))
        // Each sampled state record names the org's record and key.
        var sample = records
        sample.shuffle(using: &random)
        for record in sample.prefix(30) {
            let show = try workspace.expect(["state", "show", record.address, "--format", "json"], status: 0)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
            let resource = try #require(document["resource"] as? [String: Any], "\(record.address): \(show.stdout)")
            #expect(resource["record_id"] as? String == record.id, "\(record.address): \(show.stdout)")
            #expect(resource["account_key"] as? String == record.key, "\(record.address): \(show.stdout)")
        }
        let history = try workspace.expect(["state", "history", "--limit", "100", "--format", "json"], status: 0)
        #expect(!history.stdout.contains("DUPLICATE_VALUE"))
        #expect(!history.stdout.contains("\"status\" : \"failed\""), "a change failed in some apply")
        // Re-runs and the final apply left the killed applies interrupted, and nothing running.
        let applies = try EndToEndWorkspace.history(json: history.stdout)
        #expect(!applies.contains { $0.status == "running" }, "\(applies.filter { $0.status == "running" })")
        #expect(!interrupted.isEmpty, "no kill caught an apply after it opened its history entry")
        let statuses = Dictionary(applies.map { ($0.id, $0.status) }) { first, _ in first }
        #expect(interrupted.allSatisfy { statuses[$0] == "interrupted" }, "\(interrupted.map { ($0, statuses[$0]) })")
        let text = try workspace.expect(["state", "history", "--limit", "100"], status: 0).stdout
        #expect(text.contains("interrupted: killed or crashed before it finished; the changes it applied landed and are in state"))
        let markdown = try workspace.expect(["state", "history", "--limit", "100", "--format", "markdown"], status: 0).stdout
        #expect(markdown.contains("| **interrupted**: killed or crashed"), "\(markdown.prefix(2000))")
        print("CrashConvergenceTests: \(killed) kills, \(completed) completed, planning \(planSeconds) s\n" + log.joined(separator: "\n"))
    }

    /// Waits for the moment to kill `apply`: a quarter of the time at a random point of the
    /// planning (before the plan is printed: refresh, lock, diff), otherwise at a random point of
    /// the writes, found from the progress lines (one per change, printed as each batch lands)
    /// plus a random fraction of a batch. Returns where it aimed.
    static func killPoint(_ apply: BackgroundCommand, planSeconds: Double, random: inout SeededGenerator) -> String {
        if Double.random(in: 0..<1, using: &random) < 0.25 {
            let delay = Double.random(in: 0.01...max(0.05, planSeconds), using: &random)
            usleep(useconds_t(delay * 1_000_000))
            return String(format: "after %.2f s", delay)
        }
        let fraction = Double.random(in: 0..<1, using: &random)
        let jitter = Double.random(in: 0..<0.08, using: &random)
        // The plan arrives in one write; then progress lines of about `lineBytes` each.
        var planBytes = 0
        var changes = 0
        while apply.process.isRunning {
            let size = apply.stdoutSize
            if size > 0, let summary = apply.stdout.range(of: "Plan: ") {
                let text = apply.stdout
                planBytes = text.utf8.count
                let numbers = text[summary.upperBound...].prefix(80).split { !$0.isNumber }.prefix(3).compactMap { Int($0) }
                changes = numbers.reduce(0, +)
                break
            }
            usleep(2_000)
        }
        let lineBytes = 46
        let target = planBytes + Int(Double(changes) * fraction) * lineBytes
        while apply.process.isRunning, apply.stdoutSize < target { usleep(2_000) }
        usleep(useconds_t(jitter * 1_000_000))
        return String(format: "at %.0f%% of %d changes + %.0f ms", fraction * 100, changes, jitter * 1000)
    }

    /// What an apply's output says it did: progress lines, and adoptions (records a killed run
    /// wrote to the org but not to state).
    static func progress(_ stdout: String) -> String {
        let lines = stdout.split(separator: "\n")
        let done = lines.count { $0.hasSuffix(": done") }
        let adopted = lines.count { $0.hasSuffix("will be adopted into state") }
        return "\(done) changes landed, \(adopted) adoptions planned"
    }

    /// Frees the lock `kill -9` left. When the killed apply had opened its history entry (one newer
    /// than `newestBefore`), that entry reads running until then and interrupted after, with the
    /// outcomes it committed; returns its id. An entry the apply closed just before the kill
    /// keeps its status.
    static func freeLockOfKilledApply(_ workspace: EndToEndWorkspace, newestBefore: String?, log: inout [String]) throws -> [String] {
        guard let entry = try workspace.history(limit: 1).first, entry.id != newestBefore else {
            try freeLock(workspace, log: &log)
            return []
        }
        try freeLock(workspace, log: &log)
        let after = try #require(try workspace.history(limit: 1).first)
        #expect(after.id == entry.id && after.outcomes == entry.outcomes, "\(entry) became \(after)")
        guard entry.status == "running" else {
            #expect(after.status == entry.status, "\(entry) became \(after)")
            return []
        }
        #expect(after.status == "interrupted", "\(entry) became \(after)")
        log.append("  \(entry.id) (\(entry.outcomes) outcomes) now reads \(after.status)")
        return [entry.id]
    }

    /// Frees a lock a killed apply left, by the id `state show` names.
    static func freeLock(_ workspace: EndToEndWorkspace, log: inout [String]) throws {
        guard let id = try workspace.heldLockID() else { return }
        try workspace.expect(["state", "unlock", id], status: 0)
        log.append("  unlocked \(id)")
    }

    static func failures(in output: String) -> String {
        output.split(separator: "\n").filter { $0.contains("DUPLICATE") || $0.contains("error") || $0.contains("failed") }
            .prefix(10).joined(separator: "\n")
    }

    /// How long planning takes here: kills (or signals) before the plan is printed fall within it.
    static func planSeconds(_ workspace: EndToEndWorkspace) throws -> Double {
        let clock = ContinuousClock()
        let planStart = clock.now
        try workspace.expect(["plan", "vccctl.yaml"], status: 0)
        return seconds(clock.now - planStart)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
