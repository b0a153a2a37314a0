/// API calls applying changes will spend: sObject Collections writes take 200 records a call;
/// each secret and each link change is one call of the VCC admin contract.
enum APICallEstimator {
    static func applyCalls(_ changes: [PlannedChange]) -> Int {
        var settingWrites: [String: Int] = [:]
        var calls = 0
        for change in changes where change.action.callsTarget {
            switch change.detail {
            case .setting(let setting):
                let verb = change.action == .replace ? "replace" : change.action.rawValue
                settingWrites["\(setting.org)/\(verb)", default: 0] += change.action == .replace ? 2 : 1
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
