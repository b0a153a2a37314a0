import VCCModel

/// Records vccctl made that sit under another location now: the owner they were made for was
/// renamed (or its name passed to someone else), so the org names the record differently while
/// state still has it under the old name. Found by record Id, looked for only when some applied
/// location has no record (on a converged org none has, and this costs one merging pass).
struct MovedRecords {
    struct Record {
        /// Where the record is now; nil when the org cannot name its owner.
        var location: Location?
        var setting: ObservedSetting
        /// The configuration declares the location where it is now: that location adopts it.
        var isDeclaredThere: Bool
    }

    private var byRecordId: [String: Record] = [:]

    init(desired: LocationTable<String>, applied: LocationTable<AppliedSetting>, observed: ObservedOrg) {
        var missing: Set<String> = []
        observed.settings.withUnsafeEntries { records in
            applied.withUnsafeEntries { applied in
                var o = 0
                for a in applied.indices {
                    while o < records.count, records[o].location < applied[a].location { o += 1 }
                    if o == records.count || records[o].location != applied[a].location { missing.insert(applied[a].value.recordId) }
                }
            }
        }
        guard !missing.isEmpty else { return }
        for entry in observed.settings where missing.contains(entry.value.recordId) {
            byRecordId[entry.value.recordId] = Record(location: entry.location, setting: entry.value,
                                                      isDeclaredThere: desired[entry.location] != nil)
        }
        for setting in observed.unnamedSettings where missing.contains(setting.recordId) {
            byRecordId[setting.recordId] = Record(location: nil, setting: setting, isDeclaredThere: false)
        }
    }

    /// Where the record vccctl made (and state still names by its old location) is now.
    func record(of applied: AppliedSetting) -> Record? {
        byRecordId.isEmpty ? nil : byRecordId[applied.recordId]
    }

    /// Whether state manages `setting` under a location where it no longer is.
    func isMoved(_ setting: ObservedSetting) -> Bool {
        !byRecordId.isEmpty && byRecordId[setting.recordId] != nil
    }
}
