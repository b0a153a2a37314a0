/// Salesforce record Ids: 15 case-sensitive characters, or 18 with a case-encoding suffix.
/// A 15-character Id equals the 18-character Id that starts with it.
enum SOQLIdentifier {
    /// Whether a field holds Ids: `Id` itself and reference fields (`ProfileId`, `OwnerId`).
    static func isIdField(_ canonicalName: String) -> Bool {
        canonicalName.hasSuffix("Id")
    }

    /// Whether `text` has the shape of an Id (what Salesforce checks before answering
    /// "invalid ID field").
    static func isWellFormed(_ text: String) -> Bool {
        let count = text.utf8.count
        guard count == 15 || count == 18 else { return false }
        return text.utf8.allSatisfy { c in
            (c &- 48 < 10) || (c &- 65 < 26) || (c &- 97 < 26)
        }
    }

    /// Id equality: two 18-character Ids compare ignoring case (the suffix encodes the case);
    /// otherwise the first 15 characters must match exactly. nil when either side is not an Id.
    static func equal(_ a: String, _ b: String) -> Bool? {
        let ca = a.utf8.count, cb = b.utf8.count
        guard ca == 15 || ca == 18, cb == 15 || cb == 18 else { return nil }
        if ca == 18 && cb == 18 { return SOQLText.compareIgnoringCase(a, b) == 0 }
        return a.utf8.prefix(15).elementsEqual(b.utf8.prefix(15))
    }
}
