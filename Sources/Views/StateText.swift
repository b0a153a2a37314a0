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

/// State as JSON.
public enum StateJSON {
    struct List: Encodable {
        var format_version: Int
        var lineage: String?
        var serial: Int64?
        var resources: [String]
    }

    /// The managed addresses; no lineage or serial when there is no state yet.
    public static func list(lineage: String?, serial: Int64?, addresses: [String]) -> String {
        JSONText.encode(List(format_version: 1, lineage: lineage, serial: serial, resources: addresses))
    }

    public static func describe(_ resource: AppliedResource) -> String {
        JSONText.encode(resource)
    }

    public static func history(_ records: [ApplyRecord]) -> String {
        struct History: Encodable {
            var format_version: Int
            var applies: [ApplyRecord]
        }
        return JSONText.encode(History(format_version: 1, applies: records))
    }
}
