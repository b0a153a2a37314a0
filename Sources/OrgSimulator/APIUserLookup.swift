/// Declared API users looked up in one org: those that exist, and for those that do not, the
/// usernames that share their name before `@` (a "did you mean" for a wrong domain or a missing
/// sandbox suffix).
public struct APIUserLookup: Codable, Sendable, Hashable {
    /// `Username` as asked → the user, with the flags an API user needs.
    public var users: [String: DirectoryUser]
    /// Usernames resembling a name that was not found, sorted.
    public var similarUsernames: [String]

    public init(users: [String: DirectoryUser], similarUsernames: [String]) {
        self.users = users
        self.similarUsernames = similarUsernames
    }
}
