import Foundation
import Testing
import TestSupport

/// A `vccctl emulator serve` process over TLS for one workspace: its data directory inside the
/// workspace, a free port, the ready file read for the URL and CA, and a connection file (kept
/// outside the configuration directory) that points vccctl at it. Stopped with SIGTERM.
final class EmulatorFixture: @unchecked Sendable {
    let process: BackgroundCommand
    let data: String
    let url: String
    let caFile: String
    let ready: [String: Any]
    let connectionPath: String

    /// Starts the emulator in `workspace` (extra arguments: faults, limits) and seeds its org from
    /// the workspace's `sim/directory.yaml` when `seed` is true.
    init(_ workspace: EndToEndWorkspace, arguments: [String] = [], seed: Bool = true) throws {
        data = workspace.path + "/emulator-data"
        let readyPath = workspace.path + "/emulator-ready.json"
        process = try workspace.start(["emulator", "serve", "--port", "0", "--data", data, "--tls-self-signed",
                                       "--ready-file", readyPath] + arguments)
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: readyPath), Date() < deadline, process.process.isRunning {
            usleep(20_000)
        }
        guard let bytes = FileManager.default.contents(atPath: readyPath),
              let object = try JSONSerialization.jsonObject(with: bytes) as? [String: Any],
              let url = object["url"] as? String, let caFile = object["ca_file"] as? String
        else {
            throw EmulatorFixtureError.notReady(stdout: process.stdout, stderr: process.stderr)
        }
        ready = object
        self.url = url
        self.caFile = caFile
        connectionPath = workspace.path + "/connection/emulator.yaml"
        try FileManager.default.createDirectory(atPath: workspace.path + "/connection", withIntermediateDirectories: true)
        try """
            version: 1
            target: emulator
            state: sqlite:.vccctl/emulator-state.sqlite
            emulator: {url: "\(url)", caFile: "\(caFile)"}

            """.write(toFile: connectionPath, atomically: true, encoding: .utf8)
        if seed {
            let seeded = try workspace.run(["sim", "seed", "--data", data, "sim/directory.yaml"])
            #expect(seeded.status == 0, "sim seed --data: \(seeded.stderr)")
        }
    }

    /// `--connection FILE` for a vccctl run against this emulator.
    var connection: [String] { ["--connection", connectionPath] }

    /// A connection file named `name` for `target: salesforce` at this emulator, as for a real
    /// org: JWT bearer auth as `username` (the key and consumer key in `SF_PRIVATE_KEY` and
    /// `SF_CONSUMER_KEY`, see `salesforceEnvironment`), and `extra` lines appended (a `vcc:` entry).
    func salesforceConnection(_ workspace: EndToEndWorkspace, name: String, username: String = "admin@acme.example",
                              audience: String = "https://login.salesforce.com", extra: String = "") throws -> [String] {
        let path = workspace.path + "/connection/\(name).yaml"
        try """
            version: 1
            target: salesforce
            state: sqlite:.vccctl/\(name)-state.sqlite
            orgs:
              prod:
                instanceUrl: "\(url)"
                caFile: "\(caFile)"
                tokenUrl: "\(url)/services/oauth2/token"
                audience: "\(audience)"
                auth:
                  jwt: {consumerKey: {env: SF_CONSUMER_KEY}, username: \(username), privateKey: {env: SF_PRIVATE_KEY}}
            \(extra)

            """.write(toFile: path, atomically: true, encoding: .utf8)
        return ["--connection", path]
    }

    /// The variables a `salesforceConnection` file names: the connected app's consumer key and
    /// private key from the ready file.
    func salesforceEnvironment() throws -> [String: String] {
        let keyPath = try #require(ready["private_key_file"] as? String)
        return ["SF_CONSUMER_KEY": try #require(ready["consumer_key"] as? String),
                "SF_PRIVATE_KEY": try String(contentsOfFile: keyPath, encoding: .utf8)]
    }

    /// Stops the emulator; it must exit 0 on SIGTERM.
    func stop() {
        process.signal(SIGTERM)
        let status = process.wait()
        #expect(status == 0, "emulator exited \(status): \(process.stderr)")
    }
}

enum EmulatorFixtureError: Error, CustomStringConvertible {
    case notReady(stdout: String, stderr: String)

    var description: String {
        switch self {
        case .notReady(let stdout, let stderr): "the emulator wrote no ready file\nstdout: \(stdout)\nstderr: \(stderr)"
        }
    }
}
