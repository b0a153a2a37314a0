import Emulator
import Foundation
import Testing

@Suite struct TLSTests {
    @Test func clientTrustingOnlyTheCAConnectsByAddressAndName() async throws {
        let fixture = try await EmulatorFixture.start(tls: .selfSigned)
        defer { Task { await fixture.stop() } }
        #expect(fixture.url.hasPrefix("https://127.0.0.1:"))
        let ca = try #require(fixture.ready.caFile)
        #expect(try String(contentsOfFile: ca, encoding: .utf8).contains("BEGIN CERTIFICATE"))
        let attributes = try FileManager.default.attributesOfItem(atPath: fixture.dataDirectory + "/ca-key.pem")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try await fixture.get("/services/data/").status == 200)
        let byName = fixture.url.replacingOccurrences(of: "127.0.0.1", with: "localhost")
        #expect(try await fixture.request("GET", "/services/data/v67.0/limits", base: byName).status == 200)
    }
}
