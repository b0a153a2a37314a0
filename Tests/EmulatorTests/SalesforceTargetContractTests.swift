import Emulator
import Foundation
import OrgSimulator
import Reconciler
import Targets
import Testing
import TestSupport

/// The Salesforce REST target, against the emulator over TLS (trusting only its CA), passes the
/// contract every target must pass: the same checks as the embedded target, over real HTTP.
@Suite struct SalesforceTargetContractTests {
    @Test(arguments: TargetContract.checks)
    func contract(_ check: TargetContract.Check) async throws {
        try await Self.withTarget { target, simulator in
            try await check.run(TargetContract.Subject(target: target, simulator: simulator))
        }
    }

    /// A session that expires between two calls costs exactly one new login, and the call goes on.
    @Test func anExpiredSessionLogsInOnceMore() async throws {
        try await Self.withTarget { target, simulator in
            let request = RefreshRequest(orgs: [TargetContract.org], accountKeys: [])
            let first = try await target.refresh(request)
            #expect(try simulator.expireSessions() >= 1)
            let second = try await target.refresh(request)
            #expect(second.readDigest == first.readDigest)
            #expect(try simulator.expireSessions() == 1, "one new session was opened, no more")
        }
    }

    /// A seeded org behind an emulator on loopback over TLS, and the REST target pointed at it
    /// with the development sign-in, trusting only the emulator's CA.
    static func withTarget(_ body: (SalesforceTarget, OrgSimulator) async throws -> Void) async throws {
        let directory = try TemporaryDirectory("vccctl-rest-contract")
        defer { directory.remove() }
        let data = directory.path + "/data"
        let simulator = try OrgSimulator(path: data + "/org.sqlite")
        try simulator.seed(TargetContract.seed)
        let configuration = EmulatorConfiguration(host: "127.0.0.1", port: 0, dataDirectory: data, tls: .selfSigned)
        let (stream, continuation) = AsyncStream.makeStream(of: EmulatorReady.self)
        let server = Task {
            defer { continuation.finish() }
            try await EmulatorServer(configuration: configuration).run(handleSignals: false) { continuation.yield($0) }
        }
        defer { server.cancel() }
        var iterator = stream.makeAsyncIterator()
        let ready = try #require(await iterator.next(), "the emulator did not start")
        let target = try SalesforceTarget(
            endpoints: [SalesforceOrgEndpoint(orgName: "prod", instanceURL: ready.url, auth: .emulatorDevelopment,
                                              tokenURL: ready.url + "/services/oauth2/token", audience: ready.url)],
            options: SalesforceTargetOptions(caFile: ready.caFile, maxAttempts: 2, baseDelay: 0.01))
        do {
            try await body(target, simulator)
        } catch {
            try? await target.shutdown()
            throw error
        }
        try await target.shutdown()
    }
}
