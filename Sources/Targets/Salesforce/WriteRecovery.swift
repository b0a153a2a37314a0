/// What to do after a record write, and after re-reading an owner whose write did not settle.
/// Pure decisions: the writer performs them.
enum WriteRecovery {
    /// What one change wants the org to hold in the end.
    enum Desired: Sendable, Hashable {
        /// A record for the owner holding the key.
        case holding(ownerId: String, key: String?)
        /// The record gone.
        case gone(recordId: String)
        /// The record's retired token field empty.
        case retiredCleared(recordId: String)
    }

    /// A record as a re-read found it.
    struct Found: Sendable, Hashable {
        var recordId: String
        var ownerId: String
        var key: String?
    }

    enum Decision: Sendable, Hashable {
        case applied(recordId: String?)
        case failed(SalesforceAPIError)
        /// Re-read the owner (or record) and decide again.
        case reread
    }

    enum Step: Sendable, Hashable {
        case done(recordId: String?)
        case send(WriteOperation)
    }

    /// Codes of a record that is gone (deleted, or an id the org never had).
    static let goneCodes: Set<String> = ["ENTITY_IS_DELETED", "INVALID_CROSS_REFERENCE_KEY", "NOT_FOUND"]
    /// The record's fate is unknown: the answer did not cover it.
    static let noResultCode = "NO_RESULT"

    static func decide(_ operation: WriteOperation, _ result: CollectionRecordResult) -> Decision {
        if result.success { return .applied(recordId: result.id ?? operation.recordId) }
        let error = result.errors.first ?? SalesforceAPIError(code: "UNKNOWN_ERROR", message: "")
        if error.code == noResultCode { return .reread }
        switch operation {
        case .create:
            // The owner has a record already: the package's Apex may create the org default
            // itself, or an earlier attempt whose answer was lost did land.
            if error.code == "DUPLICATE_VALUE", isOnSetupOwner(error) { return .reread }
        case .update:
            if goneCodes.contains(error.code) { return .reread }
        case .delete:
            // Gone already is what a delete wants: no call needed.
            if goneCodes.contains(error.code) { return .applied(recordId: nil) }
        case .clearRetired:
            // A record gone since the plan took its token with it, but state would record a
            // record that is not there: it fails, and the next plan sees it deleted.
            break
        }
        return .failed(error)
    }

    /// The next step for `desired`, given what a re-read found: the record of the owner (for
    /// `holding`) or the record itself (for `gone`), nil when there is none (`retiredCleared`
    /// reads nothing).
    static func next(_ desired: Desired, found: Found?) -> Step {
        switch desired {
        case .holding(let ownerId, let key):
            guard let found else { return .send(.create(ownerId: ownerId, key: key)) }
            if normalized(found.key) == normalized(key) { return .done(recordId: found.recordId) }
            return .send(.update(recordId: found.recordId, key: key))
        case .gone(let recordId):
            guard found != nil else { return .done(recordId: nil) }
            return .send(.delete(recordId: recordId))
        case .retiredCleared(let recordId):
            // Nulling a field twice changes nothing: sent again without a re-read (the token is
            // never read back); a record gone meanwhile then fails.
            return .send(.clearRetired(recordId: recordId))
        }
    }

    private static func isOnSetupOwner(_ error: SalesforceAPIError) -> Bool {
        error.fields.isEmpty ? true : error.fields.contains { $0.lowercased() == "setupownerid" }
    }

    /// Salesforce stores an empty text field as null.
    private static func normalized(_ key: String?) -> String? {
        key.flatMap { $0.isEmpty ? nil : $0 }
    }
}
