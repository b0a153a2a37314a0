/// One settings record as the emulator's queries read it: stored values, and the owner when the
/// caller asked for owners (a query that reaches `SetupOwner`).
public struct SettingRow: Sendable, Hashable {
    public var id: String
    public var ownerId: String
    public var clientId: String?
    public var retiredToken: String?
    public var baseURL: String?
    public var flags: String?
    /// `LastModifiedDate` in milliseconds since 1970 (also `CreatedDate` and `SystemModstamp`:
    /// the simulator keeps one timestamp per record).
    public var lastModifiedMilliseconds: Int64
    public var owner: SettingOwnerRow?
}
