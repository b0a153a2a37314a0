import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A team's state in PostgreSQL, through the built vccctl: many runners applying at once, a
/// runner killed while it holds the lock, the server restarted in the middle of an apply, and a
/// state moved from SQLite to PostgreSQL and back. Each test has a schema of its own on the test
/// server (`PostgresCluster`); the URL with its password comes from VCCCTL_STATE, as on a runner.
@Suite struct PostgresStateScenarioTests {
    /// The workspace's environment pointed at a fresh schema of `cluster`.
    static func pointed(_ workspace: inout EndToEndWorkspace, cluster: PostgresCluster, label: String) -> String {
        let url = cluster.url(schema: PostgresCluster.uniqueSchema(label), withPassword: true)
        workspace.environment["VCCCTL_STATE"] = url
        return url
    }

    @Test func eightConcurrentAppliesEachLandWithOneHistoryEntryAndNoneLost() throws {
        let cluster = try PostgresCluster.shared()
        var workspace = try LargeConfiguration.workspace(users: 60)
        defer { workspace.remove() }
        _ = Self.pointed(&workspace, cluster: cluster, label: "eight")
        // Eight configurations, pairwise different (variant mod 10), so each apply has changes
        // whichever order the runners get the lock in.
        for variant in 0..<8 {
            try workspace.directory.write("c\(variant).yaml", LargeConfiguration.config(users: 60, variant: variant, subset: true))
        }
        let runs = try (0..<8).map { try workspace.start(["apply", "--auto-approve", "--lock-timeout", "300", "c\($0).yaml"]) }
        for (variant, run) in runs.enumerated() {
            #expect(run.wait() == 0, "apply c\(variant).yaml: \(run.stderr)\n\(run.stdout.suffix(1500))")
        }
        let history = try workspace.history(limit: 20)
        #expect(history.count == 8, "one entry per apply: \(history.map(\.id))")
        #expect(Set(history.map(\.id)).count == 8 && history.allSatisfy { $0.status == "succeeded" && $0.outcomes > 0 },
                "\(history)")
        // Whoever applied last, state and org agree record for record, and that configuration is
        // converged (exactly one of the eight: they differ pairwise).
        let addresses = try workspace.stateAddresses().filter { $0.hasPrefix("setting.") }
        #expect(Set(try workspace.orgSettings().map(\.address)) == Set(addresses))
        let converged = try (0..<8).filter { try workspace.run(["plan", "--detailed-exitcode", "c\($0).yaml"]).status == 0 }
        #expect(converged.count == 1, "converged configurations: \(converged)")
    }

    @Test func killingTheLockHolderLetsTheNextRunProceedAtOnce() throws {
        let cluster = try PostgresCluster.shared()
        var workspace = try LargeConfiguration.workspace(users: 3000)
        defer { workspace.remove() }
        _ = Self.pointed(&workspace, cluster: cluster, label: "kill")
        let first = try workspace.start(["apply", "--auto-approve", "vccctl.yaml"])
        try #require(try Self.waitForRunningApply(workspace), "the first apply never started: \(first.stderr)")
        first.signal(SIGKILL)
        #expect(first.wait() == 128 + SIGKILL)
        // No timeout to wait out and no `state unlock`: the killed runner's session is gone, and so is its lock.
        let clock = ContinuousClock()
        let started = clock.now
        // (A timeout only for the instant the server takes to see the killed session's socket close.)
        let next = try workspace.expect(["apply", "--auto-approve", "--lock-timeout", "10", "vccctl.yaml"], status: 0)
        #expect(!next.stdout.contains("DUPLICATE_VALUE"))
        #expect(!next.stderr.contains("took over"), "no takeover was needed: \(next.stderr)")
        #expect(clock.now - started < .seconds(60))
        let history = try workspace.history()
        #expect(history.count == 2 && history[0].status == "succeeded" && history[1].status == "interrupted", "\(history)")
        try workspace.expect(["plan", "--detailed-exitcode", "vccctl.yaml"], status: 0)
    }

    @Test func aSignalledApplyFreesThePostgresLockAndReadsInterrupted() throws {
        let cluster = try PostgresCluster.shared()
        var workspace = try LargeConfiguration.workspace(users: 3000)
        defer { workspace.remove() }
        _ = Self.pointed(&workspace, cluster: cluster, label: "term")
        let apply = try workspace.start(["apply", "--auto-approve", "vccctl.yaml"])
        try #require(try Self.waitForRunningApply(workspace), "the apply never started: \(apply.stderr)")
        apply.signal(SIGTERM)
        let status = apply.wait()
        #expect(status == 128 + SIGTERM, "\(apply.stderr)")
        let history = try workspace.history()
        #expect(history.first?.status == "interrupted", "\(history)")
        // The lock is free: the next run takes it without waiting.
        try workspace.expect(["apply", "--auto-approve", "--lock-timeout", "0", "vccctl.yaml"], status: 0)
        try workspace.expect(["plan", "--detailed-exitcode", "vccctl.yaml"], status: 0)
    }

    @Test(.enabled(if: !PostgresCluster.usesExternalServer, "needs a cluster of its own (its CA, superuser, restarts)"))
    func aServerRestartedMidApplyIsAClearErrorAndARerunConverges() throws {
        // A server of its own: restarting the shared one would break the other tests.
        let cluster = try PostgresCluster.start()
        var workspace = try LargeConfiguration.workspace(users: 3000)
        defer {
            workspace.remove()
            try? cluster.stop(mode: "immediate")
        }
        _ = Self.pointed(&workspace, cluster: cluster, label: "restart")
        let apply = try workspace.start(["apply", "--auto-approve", "vccctl.yaml"])
        try #require(try Self.waitForRunningApply(workspace), "the apply never started: \(apply.stderr)")
        try cluster.stop(mode: "fast")
        let status = apply.wait()
        try cluster.startAgain()
        #expect(status == 1, "\(apply.stdout.suffix(1000))")
        #expect(apply.stderr.contains("the connection to the PostgreSQL state postgres://vccctl@127.0.0.1:"), "\(apply.stderr)")
        #expect(apply.stderr.contains("run it again"), "\(apply.stderr)")
        if let password = cluster.password { #expect(!apply.stderr.contains(password), "the password never shows") }
        let rerun = try workspace.expect(["apply", "--auto-approve", "--lock-timeout", "0", "vccctl.yaml"], status: 0)
        #expect(!rerun.stdout.contains("DUPLICATE_VALUE"))
        try workspace.expect(["plan", "--detailed-exitcode", "vccctl.yaml"], status: 0)
        let history = try workspace.history()
        #expect(history.first?.status == "succeeded" && history.dropFirst().allSatisfy { $0.status == "interrupted" }, "\(history)")
        let addresses = try workspace.stateAddresses().filter { $0.hasPrefix("setting.") }
        #expect(Set(try workspace.orgSettings().map(\.address)) == Set(addresses))
    }

    @Test func migrateSQLiteToPostgresAndBackKeepsPlansStateAndHistory() throws {
        let cluster = try PostgresCluster.shared()
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        try workspace.expect(["apply", "--auto-approve"], status: 0)
        // A second apply after an edit: the history has two entries and the serial moved twice.
        try workspace.editConfig { $0.replacingOccurrences(of: "        - {user: lee@acme.example}\n", with: "") }
        try workspace.expect(["apply", "--auto-approve"], status: 0)
        let postgres = cluster.url(schema: PostgresCluster.uniqueSchema("migrate"), withPassword: true)
        let original = try Self.snapshot(workspace, state: ".vccctl/state.sqlite")
        let plan = try workspace.expect(["plan", "--detailed-exitcode"], status: 0)

        let there = try workspace.expect(["state", "migrate", "--from", ".vccctl/state.sqlite"], status: 0,
                                         environment: ["VCCCTL_STATE_TO": postgres])
        #expect(there.stdout.contains("the copy was verified"), "\(there.stdout)")
        if let password = cluster.password { #expect(!there.stdout.contains(password)) }
        #expect(try Self.snapshot(workspace, environment: ["VCCCTL_STATE": postgres]) == original)
        #expect(try workspace.expect(["plan", "--detailed-exitcode"], status: 0, environment: ["VCCCTL_STATE": postgres]).stdout == plan.stdout)

        // A target that holds a state is not overwritten without --force.
        let refused = try workspace.expect(["state", "migrate", "--from", ".vccctl/state.sqlite"], status: 1,
                                           environment: ["VCCCTL_STATE_TO": postgres])
        #expect(refused.stderr.contains("--force"), "\(refused.stderr)")

        try workspace.expect(["state", "migrate", "--to", "back.sqlite"], status: 0, environment: ["VCCCTL_STATE_FROM": postgres])
        #expect(try Self.snapshot(workspace, state: "back.sqlite") == original)
        #expect(try workspace.expect(["plan", "--detailed-exitcode", "--state", "back.sqlite"], status: 0).stdout == plan.stdout)
        try workspace.expect(["state", "migrate", "--to", "back.sqlite", "--force"], status: 0, environment: ["VCCCTL_STATE_FROM": postgres])
    }

    /// Waits (up to 60 s) until the state's history holds an apply that is running: the runner
    /// holds the lock and is writing. Not before, so that a kill or a restart lands mid-apply.
    static func waitForRunningApply(_ workspace: EndToEndWorkspace) throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if try workspace.history().contains(where: { $0.status == "running" }) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    /// `state show`, `state list` and `state history` as JSON, of the state at `state` (or the
    /// one the environment names).
    static func snapshot(_ workspace: EndToEndWorkspace, state: String? = nil, environment: [String: String] = [:]) throws -> [String] {
        let flag = state.map { ["--state", $0] } ?? []
        return try [["state", "show", "--format", "json"], ["state", "list", "--format", "json"], ["state", "history", "--format", "json"]]
            .map { try workspace.expect($0 + flag, status: 0, environment: environment).stdout }
    }
}
