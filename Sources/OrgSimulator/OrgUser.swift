/// A user of a simulated org with everything the HTTP emulator answers about it: the directory
/// entry (its fields read through, as `user.username`) and the two permissions that decide what
/// its sessions may read and write.
@dynamicMemberLookup
public struct OrgUser: Sendable, Hashable {
    /// The org's name in the simulator.
    public var org: String
    public var directory: DirectoryUser
    /// "Customize Application": may write the custom setting.
    public var customizeApplication: Bool
    /// "View All Custom Settings": may read the custom setting.
    public var viewAllCustomSettings: Bool

    public init(org: String, directory: DirectoryUser, customizeApplication: Bool, viewAllCustomSettings: Bool) {
        self.org = org
        self.directory = directory
        self.customizeApplication = customizeApplication
        self.viewAllCustomSettings = viewAllCustomSettings
    }

    public subscript<Value>(dynamicMember keyPath: KeyPath<DirectoryUser, Value>) -> Value {
        directory[keyPath: keyPath]
    }
}
