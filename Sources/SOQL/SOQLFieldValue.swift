/// A field's value in a row the emulator hands in.
public indirect enum SOQLFieldValue: Sendable, Equatable {
    case null
    case string(String)
    case boolean(Bool)
    case number(Double)
    case integer(Int)
    /// A date-time as Salesforce emits it, e.g. `2026-01-02T03:04:05.000+0000`.
    case dateTime(String)
    /// A parent record reached through a relationship (`Profile`, `SetupOwner`).
    case record(SOQLRow)
}
