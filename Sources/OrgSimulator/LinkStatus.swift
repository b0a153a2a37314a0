/// The Salesforce link status of a VCC account, as the VCC Admin Portal shows it.
public enum LinkStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case unlinked
    case linked
    /// Linked by an older method; relinking is recommended.
    case legacy
    /// A link (or relink) was started and waits for the API user's consent.
    case pending
}
