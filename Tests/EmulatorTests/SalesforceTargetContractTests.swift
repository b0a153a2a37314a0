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
            try await check.run(TargetContract.Subject(target: target, simulator: simulator))
        } catch {
            try? await target.shutdown()
            throw error
        }
        try await target.shutdown()
    }
}
