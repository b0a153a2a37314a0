/// A profile of a simulated org.
public struct DirectoryProfile: Codable, Sendable, Hashable {
    /// `Profile.Id` (`00e…`, 18 characters).
    public var id: String
    /// `Profile.Name`, unique within the org.
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
