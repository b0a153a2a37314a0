import Reconciler

/// What an apply's status means, where the word alone leaves the reader guessing.
enum ApplyStatusNote {
    static func note(for status: ApplyRecord.Status) -> String? {
        switch status {
        case .interrupted:
            // Found `running` after its lock was taken or freed: its process is gone.
            "killed or crashed before it finished; the changes it applied landed and are in state, "
                + "and the next apply converges the rest"
        case .running, .succeeded, .failed, .pending:
            nil
        }
    }
}
