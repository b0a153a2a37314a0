/// A field's value in a row the emulator hands in.
/// Only `record` is boxed: a string or a flag costs no allocation of its own.
public enum SOQLFieldValue: Sendable, Equatable {
    case null
    case string(String)
    case boolean(Bool)
    case number(Double)
    case integer(Int)
    /// A date-time as Salesforce emits it, e.g. `2026-01-02T03:04:05.000+0000`.
    case dateTime(String)
    /// A parent record reached through a relationship (`Profile`, `SetupOwner`).
    indirect case record(SOQLRow)
}
