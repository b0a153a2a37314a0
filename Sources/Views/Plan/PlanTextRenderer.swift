public import Reconciler
import VCCModel

/// Renders a plan in Terraform's grammar (`+ ~ - -/+`, `# address will be created`, the summary
/// line) with the domain's words, drift first and destructive changes marked.
public struct PlanTextRenderer {
    public var style: TerminalStyle

    public init(style: TerminalStyle = .plain) { self.style = style }

    /// One line for the writes of stopped applies found in the org: how many, and which applies.
    static func recoveredNote(_ recovered: [RecoveredWrite]) -> String {
        let applies = Set(recovered.map(\.applyID)).sorted().joined(separator: ", ")
        let count = recovered.count
        return "Note: \(count) write\(count == 1 ? "" : "s") of the stopped apply \(applies) landed before it could record "
            + "\(count == 1 ? "it" : "them") (its journal says so); the next apply records \(count == 1 ? "it" : "them") in state."
    }

    public func render(_ plan: Plan) -> String {
        var out = ""
        if !plan.drift.isEmpty {
            out += style.bold("Objects have changed outside of vccctl:") + "\n\n"
            for finding in plan.drift { DriftTextRenderer(style: style).render(finding, into: &out) }
            out += "\n"
        }
        if !plan.attested.isEmpty {
            out += style.bold(AttestedLines.heading) + "\n"
            for resource in plan.attested { out += "  " + AttestedLines.line(resource) + "\n" }
            out += "\n"
        }
        if !plan.recovered.isEmpty {
            out += Self.recoveredNote(plan.recovered) + "\n\n"
        }
        guard plan.hasChanges else {
            out += style.green("No changes.") + " The org and VCC match the configuration.\n"
            for resource in plan.unrecorded {
                out += "Note: \(resource.address) is observed as declared; the next apply records it in state.\n"
            }
            out += apiCallLine(plan) + "\n"
            return out
        }
        out += "vccctl will perform the following actions:\n\n"
        for change in plan.changes { render(change, into: &out) }
        out += summaryLine(plan) + "\n"
        let destructive = plan.changes.filter(\.isDestructive)
        if !destructive.isEmpty {
            out += style.red("Warning:") + " \(destructive.count) destructive change\(destructive.count == 1 ? "" : "s"): "
                + destructive.prefix(5).map(\.address.description).joined(separator: ", ")
                + (destructive.count > 5 ? ", …" : "") + "\n"
        }
        if plan.changes.contains(where: { $0.address.kind == .link && $0.action.callsTarget && $0.action != .unlink }) {
            out += "Note: link changes need the API user's consent; apply prints the steps.\n"
        }
        if !plan.attested.isEmpty || plan.changes.contains(where: { $0.reasons.contains(where: { $0.hasPrefix("manual:") }) }) {
            out += "Note: secret and link changes here are steps for a person; apply prints them, and 'vccctl confirm ADDRESS' records them.\n"
        }
        out += apiCallLine(plan) + "\n"
        return out
    }

    public func summaryLine(_ plan: Plan) -> String {
        let counts = plan.counts
        return style.bold("Plan:") + " \(counts.add) to add, \(counts.change) to change, \(counts.destroy) to destroy."
    }

    func apiCallLine(_ plan: Plan) -> String {
        "API calls: \(plan.apiCalls.refresh) spent reading, about \(plan.apiCalls.apply) to apply."
            + (plan.apiCalls.usage.map { " The org has \($0.remaining) of \($0.max) left today." } ?? "")
    }

    private func render(_ change: PlannedChange, into out: inout String) {
        let symbol = change.action.symbol
        let colored = change.isDestructive ? style.red(symbol) : symbol == "+" ? style.green(symbol) : style.magenta(symbol)
        out += "  " + style.bold("# \(change.address) \(Self.verb(change.action))") + "\n"
        out += "  \(colored) \(change.address)\n"
        for line in Self.attributes(change) { out += "      \(line)\n" }
        for reason in change.reasons { out += "      " + "# " + reason + "\n" }
        out += "\n"
    }

    static func verb(_ action: ChangeAction) -> String {
        switch action {
        case .create: "will be created"
        case .update: "will be updated in place"
        case .delete: "will be destroyed"
        case .replace: "must be replaced"
        case .adopt: "will be adopted into state"
        case .forget: "will be removed from state"
        case .setToken: "will be set"
        case .rotateToken: "will be rotated"
        case .resetToken: "will be set again"
        case .link: "will be linked"
        case .relink: "will be relinked"
        case .unlink: "will be unlinked"
        case .clearRetired: "will have its retired token field cleared"
        }
    }

    static func attributes(_ change: PlannedChange) -> [String] {
        switch change.detail {
        case .setting(let setting) where change.action == .clearRetired:
            // The token is never read: only that the field holds one.
            return ["retired token: (plaintext, not shown) -> null", "key: \"\(setting.toKey ?? setting.fromKey ?? "")\" (unchanged)"]
        case .setting(let setting):
            switch (setting.fromKey, setting.toKey) {
            case let (from?, to?) where from != to: return ["key: \"\(from)\" -> \"\(to)\""]
            case let (_, to?): return ["key: \"\(to)\""]
            case let (from?, nil): return ["key: \"\(from)\" -> null"]
            case (nil, nil): return []
            }
        case .secret(let secret):
            guard change.action.callsTarget else { return [] }
            return ["token: (from \(secret.variable), \(secret.fingerprint))"]
        case .link(let link):
            guard let org = link.toOrg, let user = link.toAPIUser else { return ["status: -> Unlinked"] }
            return ["org: \"\(org)\" (\(link.toEnvironment?.rawValue ?? "?"))", "apiUser: \"\(user)\""]
        }
    }
}
