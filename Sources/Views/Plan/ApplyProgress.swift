public import Reconciler

/// Lines an apply prints as results land, and its closing summary.
public enum ApplyProgress {
    public static func line(_ outcome: ChangeOutcome, style: TerminalStyle) -> String {
        switch outcome.status {
        case .applied:
            return "\(outcome.address): " + style.green("done") + "\n"
        case .failed:
            return "\(outcome.address): " + style.red("failed") + " \(outcome.code ?? "")"
                + (outcome.message.map { ": \($0)" } ?? "") + "\n"
        case .pending:
            return "\(outcome.address): " + style.magenta("waiting for consent") + "\n"
        }
    }

    public static func summary(_ summary: ApplyEngine.Summary, format: ApplyFormat, style: TerminalStyle) -> String {
        switch format {
        case .json:
            return JSONText.encode(SummaryJSON(format_version: Plan.formatVersion, serial: summary.serial,
                                               applied: summary.applied, failed: summary.failed, pending: summary.pending,
                                               outcomes: summary.outcomes.map(OutcomeJSON.init)))
        case .markdown:
            return "\n**Apply: \(summary.applied) applied, \(summary.failed) failed, \(summary.pending) waiting for consent.**\n"
        case .text:
            var out = "\n" + style.bold("Apply complete!") + " \(summary.applied) applied, \(summary.failed) failed, \(summary.pending) waiting for consent. State serial \(summary.serial).\n"
            for outcome in summary.outcomes where outcome.status == .pending {
                if let message = outcome.message { out += "\n" + message + "\n" }
            }
            return out
        }
    }

    public enum ApplyFormat { case text, json, markdown }

    struct SummaryJSON: Encodable {
        var format_version: Int
        var serial: Int64
        var applied: Int
        var failed: Int
        var pending: Int
        var outcomes: [OutcomeJSON]
    }

    struct OutcomeJSON: Encodable {
        var address: String
        var status: String
        var code: String?
        var message: String?
        init(_ outcome: ChangeOutcome) {
            address = outcome.address.description
            status = outcome.status.rawValue
            code = outcome.code
            message = outcome.message
        }
    }
}
