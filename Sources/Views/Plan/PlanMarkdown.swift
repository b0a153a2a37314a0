public import Reconciler

/// A plan as a pull-request comment: the summary first, the details collapsible.
public enum PlanMarkdown {
    public static func render(_ plan: Plan) -> String {
        let counts = plan.counts
        var out = "### vccctl plan\n\n"
        if plan.hasChanges {
            out += "**\(counts.add) to add, \(counts.change) to change, \(counts.destroy) to destroy.**"
            let destructive = plan.changes.filter(\.isDestructive)
            if !destructive.isEmpty {
                out += " :warning: \(destructive.count) destructive: " + destructive.prefix(10).map { "`\($0.address)`" }.joined(separator: ", ")
            }
            out += "\n"
        } else {
            out += "**No changes.**\n"
        }
        if !plan.drift.isEmpty {
            out += "\n:warning: **Drift: \(plan.drift.count)**\n\n| resource | class | finding | fix |\n|---|---|---|---|\n"
            for finding in plan.drift {
                out += "| `\(finding.address)` | \(finding.driftClass.rawValue) | \(finding.message) | \(finding.fix) |\n"
            }
        }
        if !plan.attested.isEmpty {
            out += "\n**" + AttestedLines.heading + "**\n\n"
            for resource in plan.attested { out += "- " + MarkdownCell.escape(AttestedLines.line(resource)) + "\n" }
        }
        out += "\nAPI calls: \(plan.apiCalls.refresh) spent reading, about \(plan.apiCalls.apply) to apply."
            + (plan.apiCalls.usage.map { " The org has \($0.remaining) of \($0.max) left today." } ?? "") + "\n"
        if plan.hasChanges {
            out += "\n<details><summary>Details</summary>\n\n```diff\n"
            out += PlanTextRenderer(style: .plain).render(plan)
            out += "```\n\n</details>\n"
        }
        return out
    }
}
