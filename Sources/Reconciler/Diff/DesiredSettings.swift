public import VCCModel

/// The declared settings records per org, sorted by location, each with the account key that
/// claims it (the location keeps where it was declared). Built once per plan: the refresh scope and
/// the settings diff both walk it.
public struct DesiredSettings: Sendable {
    public var byOrg: [String: LocationTable<String>]

    public init(_ desired: DesiredState) {
        var claims: [String: [LocationTable<String>.Entry]] = [:]
        for account in desired.accounts.values {
            for (org, locations) in account.locations {
                claims[org, default: []].reserveCapacity(locations.count)
                for location in locations { claims[org, default: []].append(.init(location, account.key)) }
            }
        }
        // Validation already refused a location claimed twice, so nothing repeats here.
        byOrg = [:]
        for org in Array(claims.keys) {
            // Taken out of the dictionary so that the table sorts the only copy, in place.
            guard let list = claims.removeValue(forKey: org) else { continue }
            byOrg[org] = LocationTable(consume list)
        }
    }

    public subscript(org: String) -> LocationTable<String> {
        byOrg[org] ?? LocationTable()
    }
}
