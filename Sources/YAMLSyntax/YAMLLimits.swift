/// Bounds that keep hostile input from costing more than it is worth.
public struct YAMLLimits: Sendable, Hashable {
    /// Deepest nesting of collections. Configurations need fewer than ten levels; the bound keeps
    /// recursive consumers (equality, rendering) far from the stack's end.
    public var maxDepth: Int
    /// Alias expansion may reach `expansionFactor` times the nodes actually written...
    public var expansionFactor: Int
    /// ...or this many nodes, whichever is larger. A "billion laughs" file trips it at once.
    public var minimumExpansionBudget: Int
    /// Largest input accepted, in bytes (node offsets are 32-bit).
    public var maxBytes: Int

    public init(maxDepth: Int = 256, expansionFactor: Int = 10, minimumExpansionBudget: Int = 1_000_000,
                maxBytes: Int = 1 << 30) {
        self.maxDepth = maxDepth
        self.expansionFactor = expansionFactor
        self.minimumExpansionBudget = minimumExpansionBudget
        self.maxBytes = maxBytes
    }

    public static let `default` = YAMLLimits()
}
