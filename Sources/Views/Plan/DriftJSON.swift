public import Reconciler

/// Drift findings as JSON (`format_version`, `drift`).
public enum DriftJSON {
    struct Document: Encodable {
        var format_version: Int
        var drift_found: Bool
        var drift: [PlanJSON.Drift]
        var api_calls: PlanJSON.Calls
    }

    /// `reading`: the calls the refresh spent and the org's usage after it.
    public static func render(_ findings: [DriftFinding], reading: APICallEstimate = APICallEstimate(refresh: 0, apply: 0)) -> String {
        JSONText.encode(Document(format_version: Plan.formatVersion, drift_found: !findings.isEmpty,
                                 drift: PlanJSON.drift(findings), api_calls: PlanJSON.Calls(reading)))
    }
}

/// Drift findings as a Markdown report.
public enum DriftMarkdown {
    public static func render(_ findings: [DriftFinding], reading: APICallEstimate = APICallEstimate(refresh: 0, apply: 0)) -> String {
        let calls = "\n" + DriftTextRenderer.callLine(reading) + "\n"
        guard !findings.isEmpty else { return "### vccctl drift\n\n**No drift.**\n" + calls }
        var out = "### vccctl drift\n\n**\(findings.count) finding\(findings.count == 1 ? "" : "s")**\n\n"
        out += "| resource | class | finding | fix |\n|---|---|---|---|\n"
        for finding in findings {
            out += "| `\(finding.address)` | \(finding.driftClass.rawValue) | \(finding.message) | \(finding.fix) |\n"
        }
        return out + calls
    }
}
