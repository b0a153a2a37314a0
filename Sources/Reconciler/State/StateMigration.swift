import Foundation

/// Moves a state, with its history and lineage, from one store to another (`vccctl state
/// migrate`): both locked for the whole copy, the target refused when it holds anything unless
/// forced, and the copy read back and compared before the locks are freed.
public enum StateMigration {
    public struct Report: Sendable, Equatable {
        public var lineage: String
        public var serial: Int64
        public var resources: Int
        public var applies: Int

        public init(lineage: String, serial: Int64, resources: Int, applies: Int) {
            self.lineage = lineage
            self.serial = serial
            self.resources = resources
            self.applies = applies
        }
    }

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The source holds no state.
        case sourceEmpty(source: String)
        /// The target holds a state or history, and the copy was not forced.
        case targetNotEmpty(target: String, lineage: String?, applies: Int)
        /// The copy read back differs from the source (nothing of the source changed).
        case verificationFailed(target: String, detail: String)

        public var description: String {
            switch self {
            case .sourceEmpty(let source):
                "\(source) holds no state to migrate"
            case .targetNotEmpty(let target, let lineage, let applies):
                "\(target) already holds " + (lineage.map { "a state (lineage \($0))" } ?? "no state")
                    + " and \(applies) history entr\(applies == 1 ? "y" : "ies"): nothing was copied. "
                    + "Pass --force to replace it with the source's state"
            case .verificationFailed(let target, let detail):
                "the copy in \(target) differs from the source (\(detail)); the source is unchanged. Migrate again with --force"
            }
        }
    }

    /// Copies `source` into `target`. `holder` names this run in both locks.
    public static func copy(from source: any StateStore, named sourceName: String, to target: any StateSnapshotReplacing,
                            named targetName: String, force: Bool, holder: LockHolder, lockTimeout: Double) async throws -> Report {
        try await StateLock.withLock(source, holder: holder, timeout: lockTimeout) { _ in
            try await StateLock.withLock(target, holder: holder, timeout: lockTimeout) { held in
                guard let state = try await source.load() else { throw Failure.sourceEmpty(source: sourceName) }
                let snapshot = StateSnapshot(state: state, history: try await source.history(limit: Int.max).reversed())
                let existing = try await target.load()
                let existingHistory = try await target.history(limit: Int.max)
                if !force && (existing != nil || !existingHistory.isEmpty) {
                    throw Failure.targetNotEmpty(target: targetName, lineage: existing?.lineage, applies: existingHistory.count)
                }
                try await target.replace(with: snapshot, lockID: held.id)
                let copied = StateSnapshot(state: try await target.load() ?? AppliedState(lineage: "", serial: -1, fingerprintSalt: []),
                                           history: try await target.history(limit: Int.max).reversed())
                if let difference = difference(snapshot, copied) {
                    throw Failure.verificationFailed(target: targetName, detail: difference)
                }
                return Report(lineage: state.lineage, serial: state.serial, resources: state.count, applies: snapshot.history.count)
            }
        }
    }

    /// What differs between the source's snapshot and the copy, or nil.
    static func difference(_ source: StateSnapshot, _ copy: StateSnapshot) -> String? {
        let (a, b) = (source.state, copy.state)
        if a.lineage != b.lineage { return "lineage" }
        if a.serial != b.serial { return "serial \(b.serial), expected \(a.serial)" }
        if a.fingerprintSalt != b.fingerprintSalt { return "fingerprint salt" }
        if a.resources != b.resources { return "resources: \(b.count) of \(a.count)" }
        if a.attestations != b.attestations { return "attestations" }
        if a.intent != b.intent { return "journal" }
        if source.history.count != copy.history.count { return "history: \(copy.history.count) of \(source.history.count) entries" }
        for (x, y) in zip(source.history, copy.history) where x != y { return "history entry \(x.id)" }
        return nil
    }
}
