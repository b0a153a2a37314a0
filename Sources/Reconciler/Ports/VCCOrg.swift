/// An org as the VCC side addresses it: by Salesforce org Id (what VCC knows), with the name the
/// configuration gives it (what people read).
public struct VCCOrg: Sendable, Hashable, Codable {
    public var name: String
    /// The org's Id (`00D…`); empty when it is not known (the org was not read).
    public var orgId: String

    public init(name: String, orgId: String) {
        self.name = name
        self.orgId = orgId
    }
}
