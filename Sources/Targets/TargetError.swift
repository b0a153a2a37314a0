/// Failures of a target as a whole (not of one change), with what to do.
public enum TargetError: Error, Sendable, CustomStringConvertible {
    case orgMissing(name: String)
    case environmentMismatch(name: String, declared: String, actual: String)

    public var description: String {
        switch self {
        case .orgMissing(let name):
            "org '\(name)' does not exist in the embedded org; seed it with 'vccctl sim seed FILE' (examples ship sim/directory.yaml)"
        case .environmentMismatch(let name, let declared, let actual):
            "org '\(name)' is declared as \(declared) but the target's org is \(actual)"
        }
    }
}
