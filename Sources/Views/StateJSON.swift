public import Reconciler

/// State as JSON (schemas/state-list, state-show, state-history): snake_case keys and RFC 3339
/// times like every other document, never the Swift types' own Codable shapes, which are
/// storage formats free to change.
public enum StateJSON {
    static let formatVersion = 1

    struct List: Encodable {
        var format_version: Int
        var lineage: String?
        var serial: Int64?
        var resources: [String]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(format_version, forKey: .format_version)
            // Always present: null when there is no state yet.
            try container.encode(lineage, forKey: .lineage)
            try container.encode(serial, forKey: .serial)
            try container.encode(resources, forKey: .resources)
        }

        enum CodingKeys: String, CodingKey { case format_version, lineage, serial, resources }
    }

    /// The managed addresses; lineage and serial null when there is no state yet.
    public static func list(lineage: String?, serial: Int64?, addresses: [String]) -> String {
        JSONText.encode(List(format_version: formatVersion, lineage: lineage, serial: serial, resources: addresses))
    }

    /// `state show ADDRESS`: one resource as state remembers it.
    public static func resource(_ address: ResourceAddress, _ resource: AppliedResource) -> String {
        struct Document: Encodable {
            var format_version: Int
            var address: String
            var resource: ResourceJSON
        }
        return JSONText.encode(Document(format_version: formatVersion, address: address.description,
                                        resource: ResourceJSON(resource)))
    }

    /// `state show`: the state's lineage, serial and size, and who holds the lock. Lineage,
    /// serial and resource count are null before the first apply; the lock null when free.
    public static func summary(_ state: AppliedState?, lock: LockHolder?) -> String {
        struct Lock: Encodable {
            var id: String
            var who: String
            var host: String
            var pid: Int32
            var command: String
            var since: String
            /// The holder's CI run, when its environment named one (left out otherwise).
            var run_url: String?
        }
        struct Document: Encodable {
            var format_version: Int
            var lineage: String?
            var serial: Int64?
            var resources: Int?
            var lock: Lock?

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(format_version, forKey: .format_version)
                // Always present, null when there is none: one shape before and after the first apply.
                try container.encode(lineage, forKey: .lineage)
                try container.encode(serial, forKey: .serial)
                try container.encode(resources, forKey: .resources)
                try container.encode(lock, forKey: .lock)
            }

            enum CodingKeys: String, CodingKey { case format_version, lineage, serial, resources, lock }
        }
        return JSONText.encode(Document(
            format_version: formatVersion, lineage: state?.lineage, serial: state?.serial, resources: state?.count,
            lock: lock.map { Lock(id: $0.id, who: $0.who, host: $0.host, pid: $0.pid, command: $0.command,
                                  since: RFC3339.utc($0.since), run_url: $0.runURL) }))
    }

    public static func history(_ records: [ApplyRecord]) -> String {
        struct History: Encodable {
            var format_version: Int
            var applies: [Apply]
        }
        return JSONText.encode(History(format_version: formatVersion, applies: records.map(Apply.init)))
    }

    /// One history entry.
    struct Apply: Encodable {
        var id: String
        var kind: String
        var who: String
        var host: String
        var started_at: String
        var finished_at: String?
        var plan_digest: String
        var status: String
        var outcomes: [Outcome]

        init(_ record: ApplyRecord) {
            id = record.id
            kind = record.kind.rawValue
            who = record.who
            host = record.host
            started_at = RFC3339.utc(record.startedAt)
            finished_at = record.finishedAt.map(RFC3339.utc)
            plan_digest = record.planDigest
            status = record.status.rawValue
            outcomes = record.outcomes.map(Outcome.init)
        }
    }

    /// One change's outcome as the history keeps it: what state recorded, and who confirmed it
    /// when a person did it by hand.
    struct Outcome: Encodable {
        var address: String
        var status: String
        var code: String?
        var message: String?
        var resource: ResourceJSON?
        var step: ManualStepJSON?
        var confirmed_by: String?
        var confirmed_at: String?

        init(_ outcome: ChangeOutcome) {
            address = outcome.address.description
            status = outcome.status.rawValue
            code = outcome.code
            message = outcome.message
            resource = outcome.resource.map(ResourceJSON.init)
            step = outcome.step.map(ManualStepJSON.init)
            confirmed_by = outcome.attestation?.by
            confirmed_at = outcome.attestation.map { RFC3339.utc($0.at) }
        }
    }
}
