public import Reconciler

/// `apply --format json`: ONE document (schemas/apply.schema.json), the plan that was applied
/// and what became of it, so a pipeline parses stdout once. `result` is null when nothing ran
/// (no changes).
public enum ApplyJSON {
    struct Document: Encodable {
        var format_version: Int
        var plan: PlanJSON.Document
        var result: Result?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(format_version, forKey: .format_version)
            try container.encode(plan, forKey: .plan)
            // Always present: null says "nothing was applied", not "the key was forgotten".
            try container.encode(result, forKey: .result)
        }

        enum CodingKeys: String, CodingKey { case format_version, plan, result }
    }

    struct Result: Encodable {
        var serial: Int64
        var applied: Int
        var failed: Int
        var pending: Int
        var not_attempted: Int
        var stopped: String?
        var api_calls: Calls
        var outcomes: [Outcome]

        init(_ summary: ApplyEngine.Summary) {
            serial = summary.serial
            applied = summary.applied
            failed = summary.failed
            pending = summary.pending
            not_attempted = summary.notAttempted
            stopped = summary.stopped.map(ApplyProgress.stopReason)
            api_calls = Calls(summary)
            outcomes = summary.outcomes.map(Outcome.init)
        }
    }

    struct Calls: Encodable {
        var spent: Int
        var used: Int?
        var max: Int?
        var remaining: Int?

        init(_ summary: ApplyEngine.Summary) {
            spent = summary.apiCalls
            used = summary.apiUsage?.used
            max = summary.apiUsage?.max
            remaining = summary.apiUsage?.remaining
        }
    }

    struct Outcome: Encodable {
        var address: String
        var status: String
        var code: String?
        var message: String?
        var step: ManualStepJSON?

        init(_ outcome: ChangeOutcome) {
            address = outcome.address.description
            status = outcome.status.rawValue
            code = outcome.code
            message = outcome.message
            step = outcome.step.map(ManualStepJSON.init)
        }
    }

    /// `summary` nil: the plan had no changes and nothing ran.
    public static func render(_ plan: Plan, summary: ApplyEngine.Summary?) -> String {
        JSONText.encode(Document(format_version: Plan.formatVersion, plan: PlanJSON.document(plan),
                                 result: summary.map(Result.init)))
    }
}
