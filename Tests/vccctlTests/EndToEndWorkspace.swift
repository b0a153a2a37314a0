import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// One end-to-end workspace: a temporary directory used as the working directory of every
/// `vccctl` run (so `.vccctl/` lands in it), a configuration, and canary token values in the
/// environment. Removed by `remove()`.
struct EndToEndWorkspace {
    let directory: TemporaryDirectory
    let runner = CommandRunner()
    /// Added to the minimal environment of every run: the token variables and a user name for locks.
    var environment: [String: String]

    var path: String { directory.path }

    init(label: String = "vccctl-e2e", environment: [String: String] = [:]) throws {
        directory = try TemporaryDirectory(label)
        self.environment = ["USER": "e2e-tester"].merging(environment) { $1 }
    }

    /// A copy of examples/quickstart with canary tokens; the embedded org is seeded unless `seed` is false.
    static func quickstart(links: Bool = true, seed: Bool = true) throws -> EndToEndWorkspace {
        let workspace = try EndToEndWorkspace(environment: Canaries().environment)
        let source = RepositoryRoot.path() + "/examples/quickstart"
        let files = try FileManager.default.contentsOfDirectory(atPath: source)
        for name in files {
            try FileManager.default.copyItem(atPath: source + "/" + name, toPath: workspace.path + "/" + name)
        }
        if !links {
            try workspace.editConfig { text in
                text.split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("link:") }
                    .joined(separator: "\n")
            }
        }
        if seed {
            let seeded = try workspace.run(["sim", "seed", "sim/directory.yaml"])
            #expect(seeded.status == 0, "sim seed: \(seeded.stderr)")
        }
        return workspace
    }

    func remove() { directory.remove() }

    /// Runs `vccctl arguments` in the workspace; `extra` overrides environment entries for this run.
    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> CommandRunner.Result {
        try runner.run(arguments, in: path, environment: environment.merging(extra) { $1 })
    }

    /// Runs and expects `status`, recording the output on a mismatch.
    @discardableResult
    func expect(_ arguments: [String], status: Int32, environment extra: [String: String] = [:],
                sourceLocation: SourceLocation = #_sourceLocation) throws -> CommandRunner.Result {
        let result = try run(arguments, environment: extra)
        #expect(result.status == status,
                "vccctl \(arguments.joined(separator: " ")) exited \(result.status)\nstdout:\n\(result.stdout.prefix(4000))\nstderr:\n\(result.stderr.prefix(4000))",
                sourceLocation: sourceLocation)
        return result
    }

    var configPath: String { path + "/vccctl.yaml" }

    func editConfig(_ transform: (String) -> String) throws {
        let text = try String(contentsOfFile: configPath, encoding: .utf8)
        let edited = transform(text)
        #expect(edited != text, "the edit changed nothing")
        try Data(edited.utf8).write(to: URL(fileURLWithPath: configPath))
    }

    /// Starts `vccctl arguments` without waiting for it.
    func start(_ arguments: [String], environment extra: [String: String] = [:]) throws -> BackgroundCommand {
        try BackgroundCommand(executable: runner.executable, arguments: arguments, directory: path,
                              environment: environment.merging(extra) { $1 })
    }

    // MARK: - Reading the embedded org and the state

    /// `sim show` parsed.
    func orgSnapshot(data: String? = nil) throws -> [String: Any] {
        let result = try run(["sim", "show"] + (data.map { ["--data", $0] } ?? []))
        #expect(result.status == 0, "sim show: \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// The settings records of `org` as resource addresses with their key and record Id, one
    /// entry per record (duplicates kept, so a caller can count them).
    func orgSettings(org: String = "prod", data: String? = nil) throws -> [(address: String, key: String?, id: String)] {
        let snapshot = try orgSnapshot(data: data)
        let orgs = try #require(snapshot["orgs"] as? [[String: Any]])
        let entry = try #require(orgs.first { ($0["name"] as? String) == org })
        let settings = try #require(entry["settings"] as? [[String: Any]])
        return try settings.map { record in
            let owner = try #require(record["owner"] as? [String: Any])
            let address: String
            switch (owner["kind"] as? String, owner["name"] as? String) {
            case ("org"?, _): address = "setting.\(org).org"
            case ("profile"?, let name?): address = "setting.\(org).profile[\"\(name)\"]"
            case ("user"?, let name?): address = "setting.\(org).user[\"\(name)\"]"
            default:
                Issue.record("unknown owner in sim show: \(owner)")
                address = "?"
            }
            return (address, record["client_id"] as? String, try #require(record["id"] as? String))
        }
    }

    /// The VCC accounts of `sim show` by key.
    func orgAccounts() throws -> [String: [String: Any]] {
        let accounts = try #require(try orgSnapshot()["accounts"] as? [[String: Any]])
        var byKey: [String: [String: Any]] = [:]
        for account in accounts { if let key = account["account_key"] as? String { byKey[key] = account } }
        return byKey
    }

    /// `state list --format json`: the addresses.
    func stateAddresses(extra: [String] = []) throws -> [String] {
        let result = try run(["state", "list", "--format", "json"] + extra)
        #expect(result.status == 0, "state list: \(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(document["resources"] as? [String])
    }

    /// `drift --format json`: the classes found, by address.
    func driftClasses(_ extra: [String] = []) throws -> [String: String] {
        let result = try run(["drift", "--format", "json"] + extra)
        #expect(result.status == 0, "drift: \(result.stderr)")
        return try Self.driftClasses(json: result.stdout)
    }

    /// The classes of the findings of a `drift --format json` document, by address.
    static func driftClasses(json: String) throws -> [String: String] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let findings = try #require(document["drift"] as? [[String: Any]])
        var classes: [String: String] = [:]
        for finding in findings {
            let address = try #require(finding["address"] as? String)
            #expect(classes[address] == nil, "two findings for \(address)")
            classes[address] = finding["class"] as? String
        }
        return classes
    }

    /// `state history --format json`: each apply's id, status and number of outcomes, newest first.
    func history(limit: Int = 100, extra: [String] = []) throws -> [(id: String, status: String, outcomes: Int)] {
        let result = try run(["state", "history", "--limit", "\(limit)", "--format", "json"] + extra)
        #expect(result.status == 0, "state history: \(result.stderr)")
        return try Self.history(json: result.stdout)
    }

    /// The applies of a `state history --format json` document: id, status, number of outcomes.
    static func history(json: String) throws -> [(id: String, status: String, outcomes: Int)] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let applies = try #require(document["applies"] as? [[String: Any]])
        return try applies.map { apply in
            (try #require(apply["id"] as? String), try #require(apply["status"] as? String),
             (apply["outcomes"] as? [Any])?.count ?? 0)
        }
    }

    /// Every file under `.vccctl/` (state and org databases with their journals), read whole.
    func workspaceFiles() throws -> [(name: String, bytes: Data)] {
        let folder = path + "/.vccctl"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        return names.sorted().compactMap { name in
            FileManager.default.contents(atPath: folder + "/" + name).map { (name, $0) }
        }
    }

    /// The id of the lock held now, from `state show` (nil when unlocked).
    func heldLockID(extra: [String] = []) throws -> String? {
        let result = try run(["state", "show"] + extra)
        for line in result.stdout.split(separator: "\n") where line.hasPrefix("lock: ") {
            return LockMessage.id(in: String(line))
        }
        return nil
    }
}

/// Canary token values: unique per workspace, so that finding one anywhere is a leak.
struct Canaries {
    let eu = "CANARY-eu-" + UUID().uuidString.lowercased()
    let us = "CANARY-us-" + UUID().uuidString.lowercased()

    var environment: [String: String] { ["VCC_TOKEN_ACME_EU": eu, "VCC_TOKEN_ACME_US": us] }

    /// The canary values a workspace runs with.
    static func eu(_ workspace: EndToEndWorkspace) -> String { workspace.environment["VCC_TOKEN_ACME_EU"] ?? "" }
    static func us(_ workspace: EndToEndWorkspace) -> String { workspace.environment["VCC_TOKEN_ACME_US"] ?? "" }
}

/// Reading the lock holder out of messages that name it (`…, lock ID 1A2B`).
enum LockMessage {
    static func id(in text: String) -> String? {
        guard let range = text.range(of: "lock ID ") else { return nil }
        let rest = text[range.upperBound...]
        let id = rest.prefix { $0.isHexDigit || $0 == "-" }
        return id.isEmpty ? nil : String(id)
    }
}

/// A `vccctl` run in the background, for races and kills. Output goes to files.
final class BackgroundCommand: @unchecked Sendable {
    let process = Process()
    let scratch: TemporaryDirectory
    let stdoutPath: String
    let stderrPath: String
    let started = ContinuousClock.now

    init(executable: String, arguments: [String], directory: String, environment: [String: String]) throws {
        scratch = try TemporaryDirectory("vccctl-bg")
        stdoutPath = try scratch.write("stdout", "")
        stderrPath = try scratch.write("stderr", "")
        let inPath = try scratch.write("stdin", "")
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        if let home = ProcessInfo.processInfo.environment["HOME"] { env["HOME"] = home }
        env.merge(environment) { $1 }
        process.environment = env
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        defer {
            try? out.close()
            try? err.close()
            try? input.close()
        }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        scratch.remove()
    }

    var pid: Int32 { process.processIdentifier }
    /// The size of standard output so far, without reading it.
    var stdoutSize: Int {
        ((try? FileManager.default.attributesOfItem(atPath: stdoutPath))?[.size] as? NSNumber)?.intValue ?? 0
    }
    var stdout: String { String(decoding: FileManager.default.contents(atPath: stdoutPath) ?? Data(), as: UTF8.self) }
    var stderr: String { String(decoding: FileManager.default.contents(atPath: stderrPath) ?? Data(), as: UTF8.self) }

    /// Waits until standard output contains `text` (true) or the process ends or time runs out (false).
    func waitForOutput(_ text: String, timeout: Double = 60) -> Bool {
        let deadline = ContinuousClock.now + .seconds(timeout)
        while ContinuousClock.now < deadline {
            if stdout.contains(text) { return true }
            if !process.isRunning { return stdout.contains(text) }
            usleep(5_000)
        }
        return false
    }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the end; the exit status, or 128 + the signal that ended it.
    @discardableResult
    func wait() -> Int32 {
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    var killedBySignal: Bool { process.terminationReason == .uncaughtSignal }
}


/// A large generated configuration and its directory seed: `users` users in one profile, split
/// over two accounts, plus the org default and the profile record. No links.
enum LargeConfiguration {
    static let tokens = ["VCC_TOKEN_BIG_0": "CANARY-big0-" + UUID().uuidString, "VCC_TOKEN_BIG_1": "CANARY-big1-" + UUID().uuidString]

    static func directory(users: Int) -> String {
        var text = "orgs:\n  prod:\n    environment: production\n    profiles: [Agent, Lead]\n    users:\n"
        text.reserveCapacity(users * 60)
        for i in 0..<users { text += "      - {username: u\(i)@big.example, profile: Agent}\n" }
        return text
    }

    /// Variant `variant` of the configuration: which account each user gets rotates with the
    /// variant, and when `subset` is true every fifth user (shifted by the variant) is left out,
    /// so applies between variants create, update and delete records. The full set (subset false)
    /// declares every owner any variant declares.
    static func config(users: Int, variant: Int = 0, subset: Bool = false) -> String {
        var buckets: [[String]] = [[], []]
        for i in 0..<users {
            if subset, (i + variant) % 5 == 0 { continue }
            buckets[(i / 3 + variant) % 2].append("        - {user: u\(i)@big.example}\n")
        }
        var text = "version: 1\norgs:\n  prod: {environment: production}\naccounts:\n"
        for account in 0..<2 {
            text += "  BIG-\(account):\n    token: {env: VCC_TOKEN_BIG_\(account)}\n    locations:\n      prod:\n"
            if account == variant % 2 { text += "        - org\n" } else { text += "        - {profile: Agent}\n" }
            text += buckets[account].joined()
        }
        return text
    }

    /// A workspace holding the configuration (variant 0, full set) and a seeded org.
    static func workspace(users: Int) throws -> EndToEndWorkspace {
        let workspace = try EndToEndWorkspace(label: "vccctl-large", environment: tokens)
        try workspace.directory.write("sim/directory.yaml", directory(users: users))
        try workspace.directory.write("vccctl.yaml", config(users: users))
        let seeded = try workspace.run(["sim", "seed", "sim/directory.yaml"])
        #expect(seeded.status == 0, "sim seed: \(seeded.stderr)")
        return workspace
    }
}
