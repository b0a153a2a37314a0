import Foundation
import Testing
import TestSupport
@testable import Targets

/// A CA file from a connection file is refused, never waited on, when it is not a small regular file.
@Suite struct TrustRootsFileTests {
    @Test func aFIFOOrADeviceOrAHugeFileIsRefused() throws {
        let directory = try TemporaryDirectory("vccctl-ca")
        defer { directory.remove() }
        let fifo = directory.path + "/ca.pem"
        #expect(mkfifo(fifo, 0o600) == 0)
        let huge = try directory.write("huge.pem", String(repeating: "A", count: TrustRootsFile.maxBytes + 1))
        for path in [fifo, "/dev/zero", directory.path, huge, directory.path + "/missing.pem"] {
            #expect(throws: SalesforceError.self, "\(path)") {
                _ = try SalesforceTarget(endpoints: [], options: SalesforceTargetOptions(caFile: path))
            }
        }
    }
}
