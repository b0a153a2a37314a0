import Reconciler

/// Resolves usernames to users with as few calls as the names allow: `Username IN (...)`
/// queries kept under 2,000 URI characters, five to a Composite request; or, when that would
/// cost more, one paged scan of every user. Salesforce compares usernames case-insensitively,
/// so answers are matched back by the lowercased name.
struct UserLookup: Sendable {
    let usernames: [String]

    /// The IN queries for the names, given what precedes the encoded SOQL in a URI.
    func queries(prefixLength: Int) -> [String] {
        SettingsQuery.usersByName.queries(usernames, prefixLength: prefixLength)
    }

    /// Calls the IN queries cost (five per Composite request, or one GET).
    static func calls(queries: Int) -> Int {
        (queries + SalesforceOrgClient.queriesPerComposite - 1) / SalesforceOrgClient.queriesPerComposite
    }

    /// Whether scanning `userCount` users (2000 a page) is cheaper than `inCalls` lookups.
    static func scanIsCheaper(userCount: Int, inCalls: Int) -> Bool {
        let scanCalls = Swift.max(1, (userCount + APICallEstimate.recordsPerQueryPage - 1) / APICallEstimate.recordsPerQueryPage)
        return scanCalls < inCalls
    }

    /// The owners of the requested names found in `records` (`{Id, Username, IsActive, ProfileId}`),
    /// keyed by the name as requested; `profileNames` maps profile Ids to names.
    func resolve(_ records: [SalesforceJSON], profileNames: [String: String]) -> [String: OwnerResolution] {
        var wanted: [String: [String]] = [:]
        for name in usernames { wanted[name.lowercased(), default: []].append(name) }
        var owners: [String: OwnerResolution] = [:]
        for record in records {
            guard let id = record["Id"]?.string, let username = record["Username"]?.string,
                  let requested = wanted[username.lowercased()] else { continue }
            let owner = OwnerResolution(ownerId: id, isActive: record["IsActive"]?.bool ?? true,
                                        profileName: record["ProfileId"]?.string.flatMap { profileNames[$0] })
            for name in requested { owners[name] = owner }
        }
        return owners
    }
}
