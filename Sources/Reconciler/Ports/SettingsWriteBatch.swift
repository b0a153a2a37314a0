/// Settings changes of one org and one action, written together: what one `Target.write` call
/// carries. Built by `ApplyBatches`, never mixed.
public struct SettingsWriteBatch: Sendable, Equatable {
    public var org: String
    /// create, update, delete, replace or clear-retired.
    public var action: ChangeAction
    /// The changes, in plan order; each is a `.setting` change of `org` with `action`.
    public var changes: [PlannedChange]

    public init(org: String, action: ChangeAction, changes: [PlannedChange]) {
        self.org = org
        self.action = action
        self.changes = changes
    }

    /// The settings details, in order.
    public var settings: [SettingChange] {
        changes.compactMap { change in
            if case .setting(let setting) = change.detail { return setting }
            return nil
        }
    }
}
