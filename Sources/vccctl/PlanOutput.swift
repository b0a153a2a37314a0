import Reconciler
import Views

/// A plan in the chosen format.
enum PlanOutput {
    static func render(_ plan: Plan, format: OutputFormat, style: TerminalStyle) -> String {
        switch format {
        case .text: PlanTextRenderer(style: style).render(plan)
        case .json: PlanJSON.render(plan)
        case .markdown: PlanMarkdown.render(plan)
        }
    }
}
