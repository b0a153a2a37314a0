/// API calls applying changes will spend: settings writes take 1000 records a call (five
/// sObject Collections of 200 in one Composite request);
/// each secret and each link change is one call of the VCC admin contract. A replace (rare: an
/// owner renamed) is applied alone, as one delete and one create.
enum APICallEstimator {
    static func applyCalls(_ changes: [PlannedChange]) -> Int {
        var settingWrites: [String: Int] = [:]
        var calls = 0
        for change in changes where change.action.callsTarget {
            switch change.detail {
            case .setting where change.action == .replace:
                calls += 2
            case .setting(let setting):
                settingWrites["\(setting.org)/\(change.action.rawValue)", default: 0] += 1
            case .secret, .link:
                calls += 1
            }
        }
        for count in settingWrites.values {
            calls += (count + APICallEstimate.recordsPerWrite - 1) / APICallEstimate.recordsPerWrite
        }
        return calls
    }
}
