import Foundation
import TestSupport
import Testing

/// `vccctl emulator serve` as a process: ready file, a call, SIGTERM, exit 0.
@Suite struct ServeProcessTests {
    @Test func servesUntilSIGTERM() async throws {
        let runner = CommandRunner()
        guard FileManager.default.isExecutableFile(atPath: runner.executable) else {
            Issue.record("vccctl is not built next to the tests (\(runner.executable)); run swift build --product vccctl")
            return
        }
        let directory = try TemporaryDirectory("emulator-serve")
        defer { directory.remove() }
        let data = directory.path + "/data"
        let seedFile = try directory.write("directory.yaml", """
            orgs:
              prod:
                environment: production
                profiles: [System Administrator]
                users:
                  - {username: admin@acme.example, profile: System Administrator}
            """)
        let seeded = try runner.run(["sim", "seed", seedFile, "--data", data])
        #expect(seeded.status == 0, "\(seeded.stderr)")
        let readyFile = directory.path + "/ready.json"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: runner.executable)
        process.arguments = ["emulator", "serve", "--port", "0", "--data", data, "--tls-self-signed", "--ready-file", readyFile]
        let output = directory.url.appendingPathComponent("stdout")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: readyFile), Date() < deadline, process.isRunning {
            try await Task.sleep(for: .milliseconds(50))
        }
        let data0 = try #require(FileManager.default.contents(atPath: readyFile), "no ready file: \(String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self))")
        let ready = try #require(try JSONSerialization.jsonObject(with: data0) as? [String: Any])
        let url = try #require(ready["url"] as? String)
        #expect(url.hasPrefix("https://127.0.0.1:"))
        #expect(ready["ca_file"] as? String == data + "/ca.pem")
        #expect((ready["orgs"] as? [String: String])?["prod"] == ready["access_token"] as? String)
        for key in ["consumer_key", "client_id", "client_secret", "private_key_file", "development_client_id", "vcc_admin_token"] {
            #expect(ready[key] is String, "\(key)")
        }
        // The VCC admin contract: same server, its own random bearer token.
        #expect(ready["vcc_admin_url"] as? String == url)
        let adminToken = try #require(ready["vcc_admin_token"] as? String)
        #expect(adminToken.count >= 32)
        let mode = (try FileManager.default.attributesOfItem(atPath: readyFile)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        // One call with curl, trusting only the CA the emulator wrote.
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        curl.arguments = ["curl", "-sS", "--cacert", data + "/ca.pem", "-H", "Authorization: Bearer \(ready["access_token"] as? String ?? "")",
                          url + "/services/data/v67.0/limits"]
        let curlOut = Pipe()
        curl.standardOutput = curlOut
        try curl.run()
        let body = String(decoding: curlOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        #expect(body.contains("DailyApiRequests"), "\(body)")
        let firstLine = String(decoding: try Data(contentsOf: output), as: UTF8.self).split(separator: "\n").first
        #expect(firstLine == "listening on \(url)")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let log = String(decoding: try Data(contentsOf: output), as: UTF8.self)
        #expect(!log.contains(adminToken), "the admin token is in the ready file only, never in the output")
        let usage = try runner.run(["sim", "api-usage", "--data", data, "--format", "json"])
        #expect(usage.stdout.contains("\"used\" : 1"), "\(usage.stdout)")
    }
}
