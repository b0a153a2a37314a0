public import Reconciler

/// Drift findings as JSON (`format_version`, `drift`).
public enum DriftJSON {
    struct Document: Encodable {
        var format_version: Int
        var drift_found: Bool
        var drift: [PlanJSON.Drift]
    }

    public static func render(_ findings: [DriftFinding]) -> String {
        JSONText.encode(Document(format_version: Plan.formatVersion, drift_found: !findings.isEmpty,
                                 drift: PlanJSON.drift(findings)))
    }
}

/// Drift findings as a Markdown report.
public enum DriftMarkdown {
    public static func render(_ findings: [DriftFinding]) -> String {
        guard !findings.isEmpty else { return "### vccctl drift\n\n**No drift.**\n" }
        var out = "### vccctl drift\n\n**\(findings.count) finding\(findings.count == 1 ? "" : "s")**\n\n"
        out += "| resource | class | finding | fix |\n|---|---|---|---|\n"
        for finding in findings {
            out += "| `\(finding.address)` | \(finding.driftClass.rawValue) | \(finding.message) | \(finding.fix) |\n"
        }
        return out
    }
}
