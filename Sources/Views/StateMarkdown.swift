import Foundation
public import Reconciler

/// State as a pull-request comment: the history of applies as a table.
public enum StateMarkdown {
    public static func history(_ records: [ApplyRecord]) -> String {
        var out = "### vccctl apply history\n\n"
        guard !records.isEmpty else { return out + "No applies yet.\n" }
        out += "| apply | started | who | status | changes | plan |\n|---|---|---|---|---|---|\n"
        for record in records {
            let started = Date(timeIntervalSince1970: record.startedAt).ISO8601Format()
            var status = "**\(record.status.rawValue)**"
            if let note = ApplyStatusNote.note(for: record) { status += ": " + note }
            let who = MarkdownCell.escape("\(record.who)@\(record.host)")
            out += "| `\(record.id)` | \(started) | \(who) | \(status) | \(StateText.counts(record)) | `\(record.planDigest.prefix(12))` |\n"
        }
        return out
    }
}
