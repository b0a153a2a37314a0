import Foundation
public import Reconciler

/// State in text: the history of applies.
public enum StateText {
    public static func history(_ records: [ApplyRecord]) -> String {
        guard !records.isEmpty else { return "No applies yet.\n" }
        var out = ""
        for record in records {
            let date = Date(timeIntervalSince1970: record.startedAt)
            out += "\(record.id)  \(date)  \(record.who)@\(record.host)  \(record.status.rawValue)  \(counts(record))  plan \(record.planDigest.prefix(12))\n"
            if let note = ApplyStatusNote.note(for: record) { out += "    \(record.status.rawValue): \(note)\n" }
        }
        return out
    }

    /// `3 applied, 1 failed`: the outcomes that landed and those that did not.
    static func counts(_ record: ApplyRecord) -> String {
        let applied = record.outcomes.count { $0.status == .applied }
        let failed = record.outcomes.count { $0.status == .failed }
        return "\(applied) applied, \(failed) failed"
    }
}

extension StateText {
    /// `state show ADDRESS`: the address, then one `field: value` line per field state keeps.
    public static func resource(_ address: ResourceAddress, _ resource: AppliedResource) -> String {
        let json = ResourceJSON(resource)
        let fields: [(String, String?)] = [
            ("type", json.type), ("account_key", json.account_key), ("record_id", json.record_id),
            ("owner_id", json.owner_id), ("token_fingerprint", json.token_fingerprint), ("org", json.org),
            ("api_user", json.api_user),
        ]
        return "# \(address)\n" + fields.compactMap { name, value in value.map { "\(name): \($0)\n" } }.joined()
    }
}
