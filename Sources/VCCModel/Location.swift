/// One record of the hierarchy custom setting: the org default, a profile's or a user's.
/// Names, not Ids: Ids differ between production and sandboxes and are resolved at plan time.
public struct Location: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable, Comparable {
        case org, profile, user

        /// Hierarchy order: the org default first, then profiles, then users.
        @inlinable
        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rank < rhs.rank }
        @usableFromInline
        var rank: Int {
            switch self {
            case .org: 0
            case .profile: 1
            case .user: 2
            }
        }
    }

    public var kind: Kind
    /// Profile name or username; empty for the org default.
    public var name: String
    public var origin: SourceOrigin

    public init(kind: Kind, name: String = "", origin: SourceOrigin = .none) {
        self.kind = kind
        self.name = name
        self.origin = origin
    }

    public static func org(origin: SourceOrigin = .none) -> Location { Location(kind: .org, origin: origin) }
    public static func profile(_ name: String, origin: SourceOrigin = .none) -> Location {
        Location(kind: .profile, name: name, origin: origin)
    }
    public static func user(_ name: String, origin: SourceOrigin = .none) -> Location {
        Location(kind: .user, name: name, origin: origin)
    }

    /// As in the configuration: `org`, `profile "Support Agent"`, `user "jane@acme.example"`.
    public var description: String {
        kind == .org ? "org default" : "\(kind.rawValue) '\(name)'"
    }

    /// Kind first (org, profiles, users), then name. Sorted tables of locations are joined by
    /// merging in this order, so it must agree with `==`: both ignore the origin. Inlinable, as
    /// `==` is: plans compare locations millions of times, across modules.
    @inlinable
    public static func < (lhs: Location, rhs: Location) -> Bool {
        lhs.kind != rhs.kind ? lhs.kind < rhs.kind : lhs.name < rhs.name
    }

    @inlinable
    public static func == (lhs: Location, rhs: Location) -> Bool {
        lhs.kind == rhs.kind && lhs.name == rhs.name
    }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(name)
    }
}
