import YAMLSyntax

/// Merges the files' fragments into one desired state and checks the rules that span
/// declarations (shared/DOMAIN.md): one account key per location and org, links to declared orgs,
/// at most five accounts per API user. Walks everything in source order, so that "first" and
/// "second" in messages mean what the reader sees.
struct ConfigurationValidator {
    static let maxAccountsPerAPIUser = 5

    private(set) var diagnostics: [Diagnostic] = []

    /// Orgs whose declaration had errors: uses of them are not reported again.
    private var brokenOrgs: Set<String> = []

    mutating func validate(_ fragments: [ConfigFragment]) -> DesiredState {
        var state = DesiredState()
        brokenOrgs = fragments.reduce(into: []) { $0.formUnion($1.brokenOrgNames) }
        mergeOrgs(fragments, into: &state)
        let accounts = mergeAccounts(fragments, into: &state)
        checkClaims(accounts, orgs: state.orgs)
        checkLinks(accounts, state: state)
        return state
    }

    private mutating func mergeOrgs(_ fragments: [ConfigFragment], into state: inout DesiredState) {
        var firstNodes: [String: YAMLNode] = [:]
        for org in fragments.flatMap(\.orgs) {
            let name = org.declaration.name
            if let existing = state.orgs[name] {
                if existing != org.declaration {
                    diagnostics.append(.error(
                        "config.conflict", "org '\(name)' is declared again with different settings",
                        at: org.keyNode.location,
                        notes: [.init("first declared here; declarations of one org in several files must be identical",
                                      at: firstNodes[name]?.location)]))
                }
                continue
            }
            state.orgs[name] = org.declaration
            firstNodes[name] = org.keyNode
        }
    }

    private mutating func mergeAccounts(_ fragments: [ConfigFragment], into state: inout DesiredState)
        -> [ConfigFragment.Account]
    {
        var merged: [ConfigFragment.Account] = []
        var firstNodes: [String: YAMLNode] = [:]
        for account in fragments.flatMap(\.accounts) {
            let key = account.declaration.key
            if let first = firstNodes[key] {
                diagnostics.append(.error(
                    "config.conflict", "account '\(key)' is declared twice",
                    at: account.keyNode.location,
                    notes: [.init("first declared here; declare each account key once, in one file", at: first.location)]))
                continue
            }
            firstNodes[key] = account.keyNode
            state.accounts[key] = account.declaration
            merged.append(account)
        }
        return merged
    }

    private mutating func checkClaims(_ accounts: [ConfigFragment.Account], orgs: [String: OrgDeclaration]) {
        // Per org, the location lists that claim locations there: (account index, list).
        var lists: [String: [(account: Int, locations: [Location])]] = [:]
        for (index, account) in accounts.enumerated() {
            for (org, node) in account.locationOrgs {
                guard orgs[org] != nil else {
                    if brokenOrgs.contains(org) { continue }
                    diagnostics.append(undeclaredOrg(org, at: node, orgs: orgs,
                                                     use: "locations of account '\(account.declaration.key)'"))
                    continue
                }
                if let locations = account.declaration.locations[org] {
                    lists[org, default: []].append((index, locations))
                }
            }
        }
        for org in lists.keys.sorted() {
            guard let orgLists = lists[org] else { continue }
            for conflict in Self.conflictingClaims(orgLists) {
                let first = orgLists[Int(conflict.earlier.list)], second = orgLists[Int(conflict.claim.list)]
                diagnostics.append(claimConflict(
                    second.locations[Int(conflict.claim.element)],
                    earlierLocation: first.locations[Int(conflict.earlier.element)], earlierAccount: first.account,
                    org: org, account: second.account, accounts: accounts))
            }
        }
    }

    /// The partition of a location's hash: its upper bits (the claim table probes by the lower).
    private static func partitionOf(_ hash: Int, width: Int) -> Int {
        Int((UInt(bitPattern: hash) >> 32) % UInt(width))
    }

    /// Below this many claims in an org, one core is faster than splitting.
    static let parallelThreshold = 20_000

    /// Every claim of a location claimed before it in the same org, with that earlier claim.
    /// Locations are hashed in parallel, then split by hash into partitions checked in parallel:
    /// equal locations hash alike, so each partition sees all claims of its locations, in order.
    private static func conflictingClaims(_ lists: [(account: Int, locations: [Location])])
        -> [(claim: FirstClaimTable.Reference, earlier: FirstClaimTable.Reference)]
    {
        let total = lists.reduce(0) { $0 + $1.locations.count }
        let width = total >= parallelThreshold ? Parallel.width : 1
        let listChunks = width > 1 ? Parallel.chunks(weights: lists.map(\.locations.count), width: width) : [lists.indices]
        let hashes: [[Int]] = Parallel.map(listChunks.count) { chunk in
            listChunks[chunk].map { lists[$0].locations.map(\.hashValue) }
        }.flatMap { $0 }
        // Sized by each partition's real share: an even share could overfill a table whose
        // partition drew more hashes, and a full open-addressing table never ends a probe.
        let shares = hashes.reduce(into: [Int](repeating: 0, count: width)) { shares, listHashes in
            for hash in listHashes { shares[partitionOf(hash, width: width)] += 1 }
        }
        return Parallel.map(width) { partition in
            var table = FirstClaimTable(capacity: shares[partition])
            var conflicts: [(claim: FirstClaimTable.Reference, earlier: FirstClaimTable.Reference)] = []
            for (listIndex, listHashes) in hashes.enumerated() {
                for (elementIndex, hash) in listHashes.enumerated()
                where partitionOf(hash, width: width) == partition {
                    let claim = FirstClaimTable.Reference(list: Int32(listIndex), element: Int32(elementIndex))
                    let location = lists[listIndex].locations[elementIndex]
                    let earlier = table.insert(claim, hash: hash) { earlier in
                        lists[Int(earlier.list)].locations[Int(earlier.element)] == location
                    }
                    if let earlier { conflicts.append((claim, earlier)) }
                }
            }
            return conflicts
        }.flatMap { $0 }
    }

    private func claimConflict(_ location: Location, earlierLocation: Location, earlierAccount: Int, org: String,
                               account: Int, accounts: [ConfigFragment.Account]) -> Diagnostic {
        let first = accounts[earlierAccount].declaration.key
        let here = location.origin.location
        let there = earlierLocation.origin.location
        if earlierAccount == account {
            return .error("config.duplicate-location",
                          "\(location) is listed twice for account '\(first)' in org '\(org)'", at: here,
                          notes: [.init("first listed here; remove one", at: there)])
        }
        var notes: [Diagnostic.Note] = [.init("claimed first here", at: there)]
        // A list shared through an alias is located at its anchor; say where it was used.
        if let use = accounts[account].locationOrgs.first(where: { $0.name == org })?.node,
           let here, use.range.start > here.range.start {
            notes.append(.init("through the alias used in the locations of account '\(accounts[account].declaration.key)' here",
                               at: use.location))
        }
        notes.append(.init("a settings record holds one account key: keep the location under one account"))
        return .error(
            "config.duplicate-claim", "\(location) in org '\(org)' is already claimed by account '\(first)'",
            at: here, notes: notes)
    }

    private mutating func checkLinks(_ accounts: [ConfigFragment.Account], state: DesiredState) {
        var byUser: [String: [ConfigFragment.Account]] = [:]
        var userOrder: [String] = []
        for account in accounts {
            guard case .linked(let org, let user, _) = account.declaration.link,
                  let orgNode = account.linkOrgNode else { continue }
            let key = account.declaration.key
            guard state.orgs[org] != nil else {
                if brokenOrgs.contains(org) { continue }
                diagnostics.append(undeclaredOrg(org, at: orgNode, orgs: state.orgs, use: "the link of account '\(key)'"))
                continue
            }
            if account.declaration.locations[org]?.isEmpty ?? true {
                diagnostics.append(.warning(
                    "config.link-without-location", "account '\(key)' is linked to org '\(org)' but has no location there",
                    at: orgNode.location,
                    notes: [.init("no user of '\(org)' gets this key, so calls cannot reach Salesforce; add a location under 'locations: {\(org): [...]}' or link another org")]))
            }
            if byUser[user] == nil { userOrder.append(user) }
            byUser[user, default: []].append(account)
        }
        for user in userOrder {
            guard let linked = byUser[user], linked.count > Self.maxAccountsPerAPIUser else { continue }
            let excess = linked[Self.maxAccountsPerAPIUser]
            let names = linked.map { "'\($0.declaration.key)'" }.joined(separator: ", ")
            // Located at the accounts' keys: links are often shared through one anchor.
            var notes: [Diagnostic.Note] = linked.map {
                .init("account '\($0.declaration.key)' links through it", at: $0.keyNode.location)
            }
            notes.append(.init("create another API user (API Only, with the ContactWorld API user permission set) and link the accounts beyond the fifth through it"))
            diagnostics.append(.error(
                "config.api-user-limit",
                "API user '\(user)' is linked to \(linked.count) VCC accounts (\(names)); one API user can serve at most \(Self.maxAccountsPerAPIUser)",
                at: excess.keyNode.location, notes: notes))
        }
    }

    private func undeclaredOrg(_ org: String, at node: YAMLNode, orgs: [String: OrgDeclaration], use: String) -> Diagnostic {
        var notes: [Diagnostic.Note] = []
        if let guess = Suggestion.closest(to: org, in: orgs.keys) { notes.append(.init("did you mean '\(guess)'?")) }
        notes.append(.init("declare it under 'orgs:' with its environment, e.g. '\(org): {environment: sandbox}'"))
        return .error("config.undeclared-org", "org '\(org)' used in \(use) is not declared under 'orgs'",
                      at: node.location, notes: notes)
    }
}
