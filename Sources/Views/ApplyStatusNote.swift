import Foundation
import Reconciler

/// What an apply's status means, where the word alone leaves the reader guessing.
enum ApplyStatusNote {
    static func note(for record: ApplyRecord) -> String? {
        switch record.status {
        case .interrupted:
            // Found `running` after its lock was taken or freed: its process is gone.
            return "killed or crashed before it finished; the changes it applied landed and are in state, "
                + "and the next apply converges the rest"
        case .pending:
            return "changes wait for a person (a link's consent, steps to confirm); a later apply that observes them done "
                + "records them here and marks this apply succeeded"
        case .succeeded where record.outcomes.contains { $0.status == .pending }:
            // It waited: the links were consented later, and recorded into this entry then.
            let resolved = record.finishedAt.map { " at " + Date(timeIntervalSince1970: $0).ISO8601Format() } ?? ""
            return "what it left waiting was done later, resolved\(resolved)"
        case .running, .succeeded, .failed:
            return nil
        }
    }
}
