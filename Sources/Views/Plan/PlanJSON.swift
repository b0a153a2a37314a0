public import Reconciler
import VCCModel

/// The JSON document of a plan (documented in schemas/plan.schema.json): fingerprints, never tokens.
public enum PlanJSON {
    struct Document: Encodable {
        var format_version: Int
        var lineage: String?
        var serial: Int64?
        var config_digest: String
        var read_digest: String
        var summary: Summary
        var api_calls: Calls
        var changes: [Change]
        var drift: [Drift]
        var attested: [Attested]
    }

    struct Summary: Encodable {
        var add: Int
        var change: Int
        var destroy: Int
        var destructive: Int
    }

    /// API calls: spent reading, to spend applying, and the org's usage when reported.
    struct Calls: Encodable {
        var refresh: Int
        var apply: Int
        var used: Int?
        var max: Int?
        var remaining: Int?

        init(_ estimate: APICallEstimate) {
            refresh = estimate.refresh
            apply = estimate.apply
            used = estimate.usage?.used
            max = estimate.usage?.max
            remaining = estimate.usage?.remaining
        }
    }

    struct Change: Encodable {
        var address: String
        var type: String
        var action: String
        var destructive: Bool
        var reasons: [String]
        var org: String?
        var account_key: String?
        var before: String?
        var after: String?
        var token_variable: String?
        var token_fingerprint: String?
        var api_user: String?
    }

    /// A secret or link taken as done on a person's word; `confirmed_by`/`confirmed_at` null
    /// when nobody confirmed it since vccctl last applied it.
    struct Attested: Encodable {
        var address: String
        var confirmed_by: String?
        var confirmed_at: String?

        init(_ resource: AttestedResource) {
            address = resource.address.description
            confirmed_by = resource.attestation?.by
            confirmed_at = resource.attestation.map { RFC3339.utc($0.at) }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(address, forKey: .address)
            // Always present, null when unknown: one shape for every entry.
            try container.encode(confirmed_by, forKey: .confirmed_by)
            try container.encode(confirmed_at, forKey: .confirmed_at)
        }

        enum CodingKeys: String, CodingKey { case address, confirmed_by, confirmed_at }
    }

    struct Drift: Encodable {
        var address: String
        var `class`: String
        var message: String
        var fix: String
    }

    public static func render(_ plan: Plan) -> String {
        JSONText.encode(document(plan))
    }

    /// The plan document, also embedded whole in `apply --format json` (`ApplyJSON`).
    static func document(_ plan: Plan) -> Document {
        let counts = plan.counts
        return Document(
            format_version: Plan.formatVersion, lineage: plan.lineage, serial: plan.serial,
            config_digest: plan.configDigest, read_digest: plan.readDigest,
            summary: Summary(add: counts.add, change: counts.change, destroy: counts.destroy,
                             destructive: plan.changes.count(where: \.isDestructive)),
            api_calls: Calls(plan.apiCalls),
            changes: plan.changes.map(change),
            drift: drift(plan.drift), attested: plan.attested.map(Attested.init))
    }

    static func drift(_ findings: [DriftFinding]) -> [Drift] {
        findings.map { Drift(address: $0.address.description, class: $0.driftClass.rawValue, message: $0.message, fix: $0.fix) }
    }

    private static func change(_ change: PlannedChange) -> Change {
        var json = Change(address: change.address.description, type: change.address.kind.rawValue,
                          action: change.action.rawValue, destructive: change.isDestructive, reasons: change.reasons)
        switch change.detail {
        case .setting(let setting) where change.action == .clearRetired:
            // The key stays; the token the field held is the account's.
            json.org = setting.org
            json.account_key = setting.toKey ?? setting.fromKey
        case .setting(let setting):
            json.org = setting.org
            json.before = setting.fromKey
            json.after = setting.toKey
            json.account_key = setting.toKey ?? setting.fromKey
        case .secret(let secret):
            json.org = secret.org
            json.account_key = secret.accountKey
            json.token_variable = secret.variable.isEmpty ? nil : secret.variable
            json.token_fingerprint = secret.fingerprint.hex
        case .link(let link):
            json.account_key = link.accountKey
            json.org = link.toOrg
            json.api_user = link.toAPIUser
            json.after = link.toOrg == nil ? "unlinked" : "linked"
        }
        return json
    }
}
