public import Reconciler

/// What `vccctl confirm` prints: per address, whether it was recorded and what.
public enum ConfirmReport {
    public enum Format { case text, json }

    public static func render(_ results: [ConfirmSession.Result], by who: String, format: Format, style: TerminalStyle) -> String {
        switch format {
        case .json:
            return JSONText.encode(Document(format_version: 1, confirmed_by: who, results: results.map(Entry.init)))
        case .text:
            var out = ""
            for result in results {
                out += "\(result.address): "
                    + (result.recorded ? style.green("recorded") + " (confirmed by \(who))" : "already recorded") + ": "
                    + result.summary + "\n"
            }
            let recorded = results.count(where: \.recorded)
            out += "\(recorded) recorded, \(results.count - recorded) already recorded. Run 'vccctl plan' to see what is left.\n"
            return out
        }
    }

    struct Document: Encodable {
        var format_version: Int
        var confirmed_by: String
        var results: [Entry]
    }

    struct Entry: Encodable {
        var address: String
        var recorded: Bool
        var summary: String

        init(_ result: ConfirmSession.Result) {
            address = result.address.description
            recorded = result.recorded
            summary = result.summary
        }
    }
}
