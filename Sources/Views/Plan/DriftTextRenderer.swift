public import Reconciler

/// Renders drift findings: what changed outside vccctl and the fix.
public struct DriftTextRenderer {
    public var style: TerminalStyle

    public init(style: TerminalStyle = .plain) { self.style = style }

    public func render(_ findings: [DriftFinding], reading: APICallEstimate? = nil) -> String {
        let calls = reading.map { "\n" + Self.callLine($0) + "\n" } ?? ""
        guard !findings.isEmpty else { return style.green("No drift.") + " The org and VCC match what vccctl applied.\n" + calls }
        var out = style.bold("Drift: \(findings.count) finding\(findings.count == 1 ? "" : "s")") + "\n\n"
        for finding in findings { render(finding, into: &out) }
        return out + calls
    }

    /// What reading cost, and the org's remaining daily calls when the target reports them.
    static func callLine(_ reading: APICallEstimate) -> String {
        "API calls: \(reading.refresh) spent reading."
            + (reading.usage.map { " The org has \($0.remaining) of \($0.max) left today." } ?? "")
    }

    func render(_ finding: DriftFinding, into out: inout String) {
        out += "  " + style.magenta("! \(finding.address)") + " [\(finding.driftClass.rawValue)]\n"
        out += "      \(finding.message)\n"
        out += "      fix: \(finding.fix)\n"
    }
}
