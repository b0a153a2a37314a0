public import VCCModel

extension RefreshRequest {
    /// What a plan must read: the declared orgs, the locations named by the configuration and the
    /// state, and the links of every account the configuration or state names.
    public static func scope(desired: DesiredState, settings: DesiredSettings, applied: AppliedState?) -> RefreshRequest {
        var keys = Set(desired.accounts.keys)
        for address in applied?.accountResources.keys ?? [:].keys {
            if case .link(let key) = address { keys.insert(key) }
        }
        var locations: [String: [Location]] = [:]
        for org in desired.orgs.keys {
            locations[org] = Self.union(settings[org], applied?.settings[org] ?? LocationTable())
        }
        return RefreshRequest(orgs: desired.orgs.values.sorted { $0.name < $1.name }, locations: locations,
                              accountKeys: keys)
    }

    /// The locations of two sorted tables, sorted, each once: one merging pass.
    static func union<A, B>(_ lhs: LocationTable<A>, _ rhs: LocationTable<B>) -> [Location] {
        var result: [Location] = []
        result.reserveCapacity(max(lhs.count, rhs.count))
        lhs.withUnsafeEntries { lhs in
            rhs.withUnsafeEntries { rhs in
                var left = 0
                var right = 0
                while left < lhs.count || right < rhs.count {
                    if right == rhs.count || (left < lhs.count && lhs[left].location < rhs[right].location) {
                        result.append(lhs[left].location)
                        left += 1
                    } else if left == lhs.count || rhs[right].location < lhs[left].location {
                        result.append(rhs[right].location)
                        right += 1
                    } else {
                        result.append(lhs[left].location)
                        left += 1
                        right += 1
                    }
                }
            }
        }
        return result
    }
}
