import Foundation
import JWTKit
import OrgSimulator
import Synchronization

/// The state every request shares: the org (reopened from disk on every request, never cached),
/// the connected app, the fault plan, open query cursors and the base URL once bound.
final class EmulatorService: Sendable {
    let simulator: OrgSimulator
    let app: ConnectedApp
    let jwtKeys: JWTKeyCollection
    let faults: FaultInjector
    let cursors = QueryCursorStore()
    let apiVersions: ClosedRange<Int>
    let maximumBodyBytes: Int
    /// The bearer token of the VCC admin contract, new at every start.
    let adminToken = VCCAdminToken()
    private let boundURL = Mutex<String>("")

    init(simulator: OrgSimulator, app: ConnectedApp, configuration: EmulatorConfiguration) async throws {
        self.simulator = simulator
        self.app = app
        jwtKeys = JWTKeyCollection()
        await jwtKeys.add(rsa: try Insecure.RSA.PublicKey(certificatePEM: app.certificatePEM), digestAlgorithm: .sha256)
        faults = FaultInjector(specs: configuration.faults, seed: configuration.seed)
        apiVersions = configuration.apiVersions
        maximumBodyBytes = configuration.maximumBodyBytes
    }

    /// `https://127.0.0.1:PORT` once the server listens.
    var baseURL: String {
        get { boundURL.withLock { $0 } }
        set { boundURL.withLock { $0 = newValue } }
    }

    /// "67.0" for 67.
    static func versionText(_ version: Int) -> String { "\(version).0" }

    var newestVersion: String { Self.versionText(apiVersions.upperBound) }
}
