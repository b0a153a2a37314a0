import Foundation
import OrgSimulator
import Reconciler
import Targets
import VCCModel

/// Builds the remote ports the connection settings name: the embedded org (`local`), the
/// emulator, or real orgs over REST. Credentials are read from the environment here and handed
/// to the target; no message ever repeats one.
enum RemoteFactory {
    static func make(_ connection: ConnectionSettings, orgs: [OrgDeclaration], environment: [String: String],
                     simulator: () throws -> OrgSimulator) throws -> RemoteSystems {
        switch connection.target {
        case .local:
            let simulator = try simulator()
            return RemoteSystems(target: LocalTarget(simulator: simulator), vcc: LocalVCC(simulator: simulator))
        case .emulator, .salesforce:
            throw CommandFailure(message: "target '\(connection.target.rawValue)' is not available in this version of vccctl",
                                 notes: ["use the embedded org (target: local, or no connection file)"])
        }
    }

}
