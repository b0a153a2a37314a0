import Reconciler
import VCCModel

/// Reads one org for a plan, as `LocalRefresh` does for the embedded org: every settings record
/// with its owner named (one paged query), the records that still hold a retired token (their
/// Ids only), and the owners of the requested locations that hold no record. Every object read
/// feeds the read digest, SystemModstamp included, so a saved plan notices a record that changed.
struct SalesforceRefresh {
    let client: SalesforceOrgClient
    let declaration: OrgDeclaration
    let request: RefreshRequest

    var org: String { declaration.name }

    func run() async throws -> (observed: ObservedOrg, digest: ReadDigest) {
        let query = SettingsQuery(names: client.names)
        try query.validate(org: org)
        try await client.describe().checkReadable(client.names, org: org)
        var digest = ReadDigest()

        let orgId = try await checkOrganization()
        digest.add("org", org, orgId)

        var rows: [SettingRecordRow] = []
        try await client.query(query.records) { page in
            if rows.isEmpty { rows.reserveCapacity(page.totalSize) }
            for record in page.records {
                guard let row = SettingRecordRow(record, keyField: client.names.keyField) else {
                    throw SalesforceError.malformedResponse(org: org, detail: "a settings record without Id or SetupOwnerId")
                }
                rows.append(row)
            }
        }
        var retired: Set<String> = []
        try await client.query(query.retiredTokenHolders) { page in
            for record in page.records { if let id = record["Id"]?.string { retired.insert(id) } }
        }

        let needsProfiles = rows.contains { $0.location?.kind == .user } || requestsOwners
        let profiles = needsProfiles ? try await profileNames() : [:]

        var named: [LocationTable<ObservedSetting>.Entry] = []
        named.reserveCapacity(rows.count)
        var unnamed: [ObservedSetting] = []
        for row in rows {
            let profileName = row.profileId.flatMap { profiles[$0] }
            let owner = OwnerResolution(ownerId: row.ownerId, isActive: row.isActive, profileName: profileName)
            let setting = ObservedSetting(recordId: row.id, owner: owner, accountKey: row.key,
                                          hasRetiredToken: retired.contains(row.id))
            digest.add("setting", org, row.id, row.ownerId, Self.ownerName(row.location), row.isActive ? "1" : "0",
                       profileName ?? "", row.key ?? "", setting.hasRetiredToken ? "1" : "0", row.systemModstamp)
            if let location = row.location { named.append(.init(location, setting)) } else { unnamed.append(setting) }
        }
        rows = []
        let built = LocationTable.building(consume named)
        var observed = ObservedOrg(orgId: orgId, settings: built.table, unnamedSettings: unnamed + built.repeated.map(\.value))

        observed.owners = try await resolveOwners(without: observed.settings, profiles: profiles)
        for (location, owner) in observed.owners {
            digest.add("owner", org, location.kind.rawValue, location.name, owner.ownerId, owner.isActive ? "1" : "0",
                       owner.profileName ?? "")
        }
        try await readAPIUsers(into: &observed, digest: &digest)
        return (observed, digest)
    }

    /// The declared API users with their facts (`APIUserQuery`); no call when none is declared.
    private func readAPIUsers(into observed: inout ObservedOrg, digest: inout ReadDigest) async throws {
        guard let usernames = request.apiUsers[org], !usernames.isEmpty else { return }
        let query = APIUserQuery(usernames: usernames)
        let prefix = await client.queryURIPrefixLength()
        let users = try await client.queries(APIUserQuery.users.queries(usernames, prefixLength: prefix))
        let ids = users.compactMap { $0["Id"]?.string }
        let assignments = ids.isEmpty ? [] : try await client.queries(APIUserQuery.assignments.queries(ids, prefixLength: prefix))
        observed.apiUsers = query.facts(users: users, assignments: assignments)
        let missing = usernames.filter { observed.apiUsers[$0] == nil }
        if !missing.isEmpty {
            let similar = try await client.queries(missing.compactMap(APIUserQuery.similar))
            observed.similarUsernames = Set(similar.compactMap { $0["Username"]?.string }).sorted()
        }
        digest.addAPIUsers(org: org, requested: usernames, found: observed.apiUsers, similar: observed.similarUsernames)
    }

    /// The org's Id, after checking it is the environment the configuration declares.
    private func checkOrganization() async throws -> String {
        let records = try await client.queryAll(SettingsQuery.organization)
        guard let record = records.first, let id = record["Id"]?.string, let isSandbox = record["IsSandbox"]?.bool else {
            throw SalesforceError.malformedResponse(org: org, detail: "the Organization query returned no org")
        }
        let actual: OrgEnvironment = isSandbox ? .sandbox : .production
        guard actual == declaration.environment else {
            throw TargetError.environmentMismatch(name: org, declared: declaration.environment.rawValue, actual: actual.rawValue)
        }
        return id
    }

    /// Whether the request names any profile or user of this org (their owners may need resolving).
    private var requestsOwners: Bool {
        (request.declared[org]?.last.map { $0.location.kind != .org } ?? false)
            || (request.applied[org]?.last.map { $0.location.kind != .org } ?? false)
            || (request.extra[org]?.contains { $0.kind != .org } ?? false)
    }

    /// Profile Id → name, all profiles (one call for any org of fewer than 2000 profiles).
    private func profileNames() async throws -> [String: String] {
        var names: [String: String] = [:]
        try await client.query(SettingsQuery.profiles) { page in
            for record in page.records {
                if let id = record["Id"]?.string, let name = record["Name"]?.string { names[id] = name }
            }
        }
        return names
    }

    /// Resolves the requested locations that hold no record (on a converged org: none, no call).
    private func resolveOwners(without records: LocationTable<ObservedSetting>, profiles: [String: String]) async throws
        -> [Location: OwnerResolution]
    {
        var profileLocations: [Location] = []
        var usernames: [String] = []
        for location in request.unresolved(org: org, records: records) {
            if location.kind == .profile { profileLocations.append(location) } else { usernames.append(location.name) }
        }
        var owners: [Location: OwnerResolution] = [:]
        if !profileLocations.isEmpty {
            var byName: [String: String] = [:]
            var byLowercased: [String: [String]] = [:]
            for (id, name) in profiles {
                byName[name] = id
                byLowercased[name.lowercased(), default: []].append(id)
            }
            for location in profileLocations {
                // Exact name first; Salesforce itself compares names case-insensitively, so a
                // unique case-insensitive match is the same profile.
                if let id = byName[location.name] ?? byLowercased[location.name.lowercased()].flatMap({ $0.count == 1 ? $0[0] : nil }) {
                    owners[location] = OwnerResolution(ownerId: id)
                }
            }
        }
        if !usernames.isEmpty {
            let lookup = UserLookup(usernames: usernames)
            let records = try await users(lookup)
            for (name, owner) in lookup.resolve(records, profileNames: profiles) {
                owners[.user(name)] = owner
            }
        }
        return owners
    }

    /// The user records for `lookup`: IN queries, or one scan of every user when that is cheaper.
    private func users(_ lookup: UserLookup) async throws -> [SalesforceJSON] {
        let queries = lookup.queries(prefixLength: await client.queryURIPrefixLength())
        let inCalls = UserLookup.calls(queries: queries.count)
        // Counting costs a call: only worth it when the lookups cost several.
        if inCalls > 2 {
            let count = try await client.query(SettingsQuery.userCount) { _ in }
            if UserLookup.scanIsCheaper(userCount: count, inCalls: inCalls) {
                return try await client.queryAll(SettingsQuery.allUsers)
            }
        }
        return try await client.queries(queries)
    }

    /// The owner as the digest names it (as `LocalRefresh` does): kind and name, empty when unnamed.
    static func ownerName(_ location: Location?) -> String {
        switch location?.kind {
        case .org: "org"
        case .profile: "profile\u{1}" + (location?.name ?? "")
        case .user: "user\u{1}" + (location?.name ?? "")
        case nil: ""
        }
    }
}
