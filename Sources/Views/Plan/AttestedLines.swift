import Foundation
public import Reconciler

/// How plans show secrets and links taken as done on a person's word (the VCC side cannot be
/// read): one line each, who confirmed and when, so a reviewer knows what nobody observed.
enum AttestedLines {
    static let heading = "Attested, not observed (VCC cannot be read from this target):"

    static func line(_ resource: AttestedResource) -> String {
        guard let attestation = resource.attestation else {
            return "\(resource.address): as vccctl last applied it; nobody confirmed it since"
        }
        return "\(resource.address): confirmed by \(attestation.by) at \(RFC3339.utc(attestation.at))"
    }
}
