import OrgSimulator
import Reconciler
import VCCModel

/// Reads what the simulated org(s) hold for a plan: every settings record with its owner named
/// (one query) and the owners of the requested locations that hold no record. Every object read,
/// owners' names and active flags included, feeds the read digest (`ReadDigest`: the order of
/// reading does not matter).
struct LocalRefresh {
    let simulator: OrgSimulator
    let request: RefreshRequest

    func run() throws -> ObservedState {
        var observed = ObservedState()
        var digest = ReadDigest()
        for org in request.orgs.sorted(by: { $0.name < $1.name }) {
            observed.orgs[org.name] = try read(org, digest: &digest, calls: &observed.apiCalls)
        }
        observed.readDigest = digest.hex
        return observed
    }

    private func read(_ org: OrgDeclaration, digest: inout ReadDigest, calls: inout Int) throws -> ObservedOrg {
        guard let simulated = try simulator.org(named: org.name) else { throw TargetError.orgMissing(name: org.name) }
        guard simulated.environment.rawValue == org.environment.rawValue else {
            throw TargetError.environmentMismatch(name: org.name, declared: org.environment.rawValue,
                                                  actual: simulated.environment.rawValue)
        }
        digest.add("org", org.name, simulated.orgId)
        var named: [LocationTable<ObservedSetting>.Entry] = []
        var unnamed: [ObservedSetting] = []
        // Sized once: growing a 100k-entry array doubles it, and the old buffer with it, at peak.
        let queryCalls = try simulator.forEachNamedSetting(org: org.name, totalSize: { named.reserveCapacity($0) }) { record in
            let owner = OwnerResolution(ownerId: record.ownerId, isActive: record.ownerIsActive,
                                        profileName: record.ownerProfileName)
            let setting = ObservedSetting(recordId: record.id, owner: owner, accountKey: record.clientId,
                                          hasRetiredToken: record.hasRetiredToken)
            digest.add("setting", org.name, record.id, record.ownerId, Self.ownerName(record.owner),
                       record.ownerIsActive ? "1" : "0", record.ownerProfileName ?? "", record.clientId ?? "",
                       setting.hasRetiredToken ? "1" : "0")
            if let name = record.owner { named.append(.init(Self.location(name), setting)) } else { unnamed.append(setting) }
        }
        // Handed over as the only copy, so that the table sorts it in place.
        let taken = named
        named = []
        let built = LocationTable.building(consume taken)
        var observed = ObservedOrg(orgId: simulated.orgId, settings: built.table,
                                   unnamedSettings: unnamed + built.repeated.map(\.value))

        let owners = try resolveOwners(org.name, without: observed.settings)
        observed.owners = owners.value
        for (location, owner) in owners.value {
            digest.add("owner", org.name, location.kind.rawValue, location.name, owner.ownerId, owner.isActive ? "1" : "0",
                       owner.profileName ?? "")
        }
        calls += queryCalls + owners.apiCalls
        try readAPIUsers(org.name, into: &observed, digest: &digest)
        return observed
    }

    /// The declared API users of `org` with their facts (a read of the directory, no call).
    private func readAPIUsers(_ org: String, into observed: inout ObservedOrg, digest: inout ReadDigest) throws {
        guard let usernames = request.apiUsers[org], !usernames.isEmpty else { return }
        let lookup = try simulator.apiUsers(org: org, usernames: usernames)
        observed.apiUsers = lookup.users.mapValues { user in
            APIUserFacts(userId: user.id, isActive: user.isActive, isApiOnly: user.isApiOnly,
                         hasAPIUserPermissionSet: user.hasApiUserPermissionSet, needsMFA: user.mfaRequired)
        }
        observed.similarUsernames = lookup.similarUsernames
        digest.addAPIUsers(org: org, requested: usernames, found: observed.apiUsers, similar: lookup.similarUsernames)
    }

    /// Resolves the requested locations that hold no record (on a converged org: none, and no call).
    private func resolveOwners(_ org: String, without records: LocationTable<ObservedSetting>)
        throws -> (value: [Location: OwnerResolution], apiCalls: Int)
    {
        var profiles: [String] = []
        var users: [String] = []
        for location in request.unresolved(org: org, records: records) {
            if location.kind == .profile { profiles.append(location.name) } else { users.append(location.name) }
        }
        guard !profiles.isEmpty || !users.isEmpty else { return ([:], 0) }
        let resolved = try simulator.resolveOwners(org: org, profileNames: profiles, usernames: users)
        var owners: [Location: OwnerResolution] = [:]
        for (name, id) in resolved.value.profiles { owners[.profile(name)] = OwnerResolution(ownerId: id) }
        for (name, user) in resolved.value.users {
            owners[.user(name)] = OwnerResolution(ownerId: user.id, isActive: user.isActive, profileName: user.profileName)
        }
        return (owners, resolved.apiCalls)
    }

    /// The owner as the digest names it: kind and name, empty when the org cannot name it.
    static func ownerName(_ owner: SettingOwner?) -> String {
        switch owner {
        case .org: "org"
        case .profile(let name): "profile\u{1}" + name
        case .user(let name): "user\u{1}" + name
        case nil: ""
        }
    }

    static func location(_ owner: SettingOwner) -> Location {
        switch owner {
        case .org: .org()
        case .profile(let name): .profile(name)
        case .user(let name): .user(name)
        }
    }
}
