import VCCModel
import YAMLSyntax

/// Plans moving a token out of the retired field of a settings record (an older package version
/// kept it there in plaintext) into Secrets Management: the secret of the record's key in its org
/// is stored first (planned by `SecretsDiff`, which this widens to that org), then the field is
/// cleared (`clear-retired`). The clear is ordered after the secret and apply holds it back until
/// the secret landed (`ApplyDependencies`), so the token is never in neither place.
///
/// Without a declared token for the key there is nothing to store: no change is planned, and a
/// warning says what to declare.
struct RetiredTokenMigration {
    let input: PlanInput
    let records: [RetiredTokenRecord]

    /// Plans the clears and warnings; returns, per account key, the orgs whose secret of that key
    /// must be stored for them.
    func run(into plan: inout PlanBuilder) -> [String: Set<String>] {
        var secretOrgs: [String: Set<String>] = [:]
        for record in records {
            guard let key = record.accountKey else { continue }  // No key: nothing to store it under (the drift says so).
            let field = input.desired.orgs[record.org]?.customSetting.retiredTokenField ?? CustomSettingNames.standard.retiredTokenField
            let account = input.desired.accounts[key]
            guard account?.token != nil else {
                plan.diagnostics.append(undeclaredToken(record, key: key, field: field, account: account))
                continue
            }
            let detail = SettingChange(org: record.org, location: record.location, ownerId: record.setting.ownerId,
                                       recordId: record.setting.recordId, fromKey: record.setting.key, toKey: record.declaredKey)
            plan.change(.setting(org: record.org, location: record.location), .clearRetired, .setting(detail),
                        "the record holds the API token of \(key) in plaintext in the retired field \(field); "
                            + "it is cleared once the token is stored in Secrets Management")
            secretOrgs[key, default: []].insert(record.org)
        }
        return secretOrgs
    }

    private func undeclaredToken(_ record: RetiredTokenRecord, key: String, field: String,
                                 account: AccountDeclaration?) -> Diagnostic {
        let variable = "VCC_TOKEN_" + String(key.uppercased().unicodeScalars.map {
            ("A"..."Z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "_"
        })
        let origin = account?.origin ?? record.location.origin
        return .warning(
            "plan.retired-token-undeclared",
            "the record of \(record.location) in '\(record.org)' holds the API token of \(key) in the retired field \(field)",
            at: origin.location,
            notes: [.init(account == nil
                ? "declare account \(key) with `token: {env: \(variable)}` so that vccctl can move the token into Secrets Management and clear the field"
                : "declare `token: {env: \(variable)}` under account \(key) so that vccctl can move the token into Secrets Management and clear the field")])
    }
}
