/// One object the emulator serves: its describe and whether the API may write it.
struct ObjectDescription: Sendable {
    var name: String
    var label: String
    var labelPlural: String
    var keyPrefix: String
    var fields: [FieldDescription]
    /// Only the custom setting is writable; the directory objects are read-only here.
    var writable: Bool
    var customSetting: Bool
}
