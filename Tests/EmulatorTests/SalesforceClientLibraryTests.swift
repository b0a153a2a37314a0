import Foundation
import OrgSimulator
import Testing
import TestSupport

/// The emulator behaves as the documented API does, not only as vccctl calls it: simple-salesforce
/// (an ordinary client library, from PyPI) works against it unchanged over TLS. `.ci/run`
/// installs the library; without it the test is skipped and says why.
@Suite struct SalesforceClientLibraryTests {
    static let libraryAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import simple_salesforce"]
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test(.enabled(if: libraryAvailable, "simple-salesforce is not installed (pip install simple-salesforce)"))
    func simpleSalesforceQueriesCreatesUpdatesAndDeletes() async throws {
        let fixture = try await EmulatorFixture.start(tls: .selfSigned)
        defer { Task { await fixture.stop() } }
        let profile = try #require(try fixture.simulator().resolveOwners(org: "prod", profileNames: ["Support Agent"], usernames: [])
            .value.profiles["Support Agent"])
        let script = RepositoryRoot.path() + "/Tests/EmulatorTests/Python/simple_salesforce_client.py"
        // Off the cooperative pool: the emulator in this process answers the script meanwhile.
        let result = try await CommandRunner(executable: "/usr/bin/env")
            .runOffThePool(["python3", script, fixture.url, fixture.token, try #require(fixture.ready.caFile), profile])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let seen = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((seen["profiles"] as? [String])?.contains("Support Agent") == true, "\(seen)")
        #expect((seen["describe_fields"] as? [String])?.contains("NVMContactWorld__clientId__c") == true, "\(seen)")
        #expect(seen["created"] as? Bool == true)
        #expect(seen["read_key"] as? String == "PY-01")
        #expect(seen["queried"] as? [String] == ["PY-02"])
        #expect(seen["after_delete"] as? Int == 0)
        #expect(seen["daily_max"] as? Int == 15000)
    }
}
