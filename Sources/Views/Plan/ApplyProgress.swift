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
        case .pending where outcome.code == ChangeOutcome.manualStep:
            return "\(outcome.address): " + style.magenta("left to a person (steps below)") + "\n"
        case .pending where outcome.code == ApplyDependencies.waitsForSecretCode:
            return "\(outcome.address): " + style.magenta("waiting for the token to be stored as a secret") + "\n"
        case .pending:
            return "\(outcome.address): " + style.magenta("waiting for consent") + "\n"
        }
    }

    /// The closing summary in text or Markdown; JSON output is one document (`ApplyJSON`).
    public static func summary(_ summary: ApplyEngine.Summary, format: ApplyFormat, style: TerminalStyle) -> String {
        switch format {
        case .markdown:
            var out = "\n**Apply: \(summary.applied) applied, \(summary.failed) failed, \(summary.pending) waiting for a person.**\n"
            for step in steps(summary) {
                out += "\n- [ ] **" + MarkdownCell.escape(step.title) + "**\n"
                for (index, instruction) in step.instructions.enumerated() {
                    out += "  \(index + 1). " + MarkdownCell.escape(instruction) + "\n"
                }
            }
            return out
        case .text:
            var out = "\n" + style.bold(summary.stopped == nil ? "Apply complete!" : "Apply stopped:")
                + " \(summary.applied) applied, \(summary.failed) failed, \(summary.pending) waiting"
                + (summary.notAttempted > 0 ? ", \(summary.notAttempted) not attempted" : "")
                + ". State serial \(summary.serial).\n"
            out += "API calls: \(summary.apiCalls) spent writing"
                + (summary.apiUsage.map { "; the org has \($0.remaining) of \($0.max) left today" } ?? "") + ".\n"
            if let stopped = summary.stopped {
                out += "Stopped: " + Self.stopReason(stopped) + ". What landed is in state; apply again to finish.\n"
            }
            out += recorded(summary)
            let steps = steps(summary)
            if !steps.isEmpty {
                out += "\n" + style.bold("For a person to do") + " (the changes above left pending):\n"
                for step in steps { out += "\n" + step.text + "\n" }
            }
            return out
        }
    }

    /// The resources recorded in state because they were observed exactly as declared, one a line.
    public static func recorded(_ summary: ApplyEngine.Summary) -> String {
        summary.recorded.map { "\($0): recorded in state (observed as declared)\n" }.joined()
    }

    public enum ApplyFormat { case text, markdown }

    /// The steps pending changes left for a person, each once, in the order the changes landed.
    static func steps(_ summary: ApplyEngine.Summary) -> [ManualStep] {
        var seen = Set<ManualStep>()
        return summary.outcomes.compactMap { $0.status == .pending ? $0.step : nil }.filter { seen.insert($0).inserted }
    }

    static func stopReason(_ reason: TargetInterrupted.Reason) -> String {
        TargetInterrupted(reason: reason).description
    }
}
