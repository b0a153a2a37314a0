/// What an org holds under a settings record Id: the record, a record it deleted, or nothing.
public enum SettingLookup: Sendable, Hashable {
    case found(SettingRecord)
    case deleted
    case missing
}
