import Crypto
import OrgSimulator
import Reconciler
import VCCModel

/// Reads what the simulated org(s) hold for a plan: settings records (named by owner), the owners
/// of the declared locations, the Secrets Management list, and the links. Every object read feeds
/// the read digest.
struct LocalRefresh {
    let simulator: OrgSimulator
    let request: RefreshRequest

    func run() throws -> ObservedState {
        var observed = ObservedState()
        var digest = SHA256()
        for org in request.orgs.sorted(by: { $0.name < $1.name }) {
            observed.orgs[org.name] = try read(org, digest: &digest, calls: &observed.apiCalls)
        }
        for key in request.accountKeys.sorted() {
            let link = try simulator.linkStatus(key: key)
            observed.links[key] = Self.observed(link)
            digest.feed("link", key, link.status.rawValue, link.linkedOrg ?? "", link.linkedUsername ?? "",
                        link.linkedAsUsername ?? "", link.pendingOrg ?? "", link.pendingUsername ?? "")
        }
        observed.readDigest = ReadDigest.hex(digest)
        return observed
    }

    private func read(_ org: OrgDeclaration, digest: inout SHA256, calls: inout Int) throws -> ObservedOrg {
        guard let simulated = try simulator.org(named: org.name) else { throw TargetError.orgMissing(name: org.name) }
        guard simulated.environment.rawValue == org.environment.rawValue else {
            throw TargetError.environmentMismatch(name: org.name, declared: org.environment.rawValue,
                                                  actual: simulated.environment.rawValue)
        }
        let records = try simulator.querySettings(org: org.name)
        let owners = try simulator.resolveOwners(
            org: org.name, profileNames: Array(request.profileNames[org.name] ?? []),
            usernames: Array(request.usernames[org.name] ?? []))
        // The owners the configuration and state name are resolved anyway; only records of other
        // owners (nobody declared them) need a second lookup, and on a converged org there are none.
        var locationOf: [String: Location] = [simulated.orgId: .org()]
        locationOf.reserveCapacity(owners.value.profiles.count + owners.value.users.count + 1)
        for (name, id) in owners.value.profiles { locationOf[id] = .profile(name) }
        for (name, user) in owners.value.users { locationOf[user.id] = .user(name) }
        let unknown = records.value.lazy.map(\.ownerId).filter { locationOf[$0] == nil }
        let names = unknown.isEmpty ? nil : try simulator.describeOwners(org: org.name, ids: Array(unknown))
        for (id, owner) in names?.value ?? [:] { locationOf[id] = Self.location(owner.owner) }
        let secrets = try simulator.listSecrets(org: org.name)
        calls += records.apiCalls + (names?.apiCalls ?? 0) + owners.apiCalls + secrets.apiCalls

        var observed = ObservedOrg(orgId: simulated.orgId)
        observed.settings.reserveCapacity(records.value.count)
        digest.feed("org", org.name, simulated.orgId)
        for record in records.value {
            let setting = ObservedSetting(recordId: record.id, ownerId: record.ownerId, accountKey: record.clientId,
                                          hasRetiredToken: !(record.retiredToken ?? "").isEmpty)
            digest.feed("setting", record.id, record.ownerId, record.clientId ?? "", setting.hasRetiredToken ? "1" : "0")
            if let location = locationOf[record.ownerId] {
                observed.settings[location] = setting
            } else {
                observed.otherSettings.append(setting)
            }
        }
        for (name, id) in owners.value.profiles { observed.owners[.profile(name)] = OwnerResolution(ownerId: id) }
        for (name, user) in owners.value.users {
            observed.owners[.user(name)] = OwnerResolution(ownerId: user.id, isActive: user.isActive,
                                                           profileName: user.profileName)
        }
        for secret in secrets.value {
            observed.tokenSet[secret.clientId] = secret.tokenSet
            digest.feed("secret", secret.clientId, secret.tokenSet ? "1" : "0")
        }
        return observed
    }

    static func location(_ owner: SettingOwner) -> Location {
        switch owner {
        case .org: .org()
        case .profile(let name): .profile(name)
        case .user(let name): .user(name)
        }
    }

    static func observed(_ link: VCCLink) -> ObservedLink {
        switch link.status {
        case .unlinked:
            return .unlinked
        case .linked:
            let user = link.linkedUsername ?? ""
            return .linked(org: link.linkedOrg, orgId: link.linkedOrg ?? "", apiUser: user,
                           consentedAs: link.linkedAsUsername ?? user)
        case .legacy:
            return .legacy(org: link.linkedOrg, orgId: link.linkedOrg)
        case .pending:
            return .pending(org: link.pendingOrg, apiUser: link.pendingUsername ?? "")
        }
    }
}
