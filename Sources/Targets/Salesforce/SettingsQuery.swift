import VCCModel
import SOQL

/// The SOQL the Salesforce target sends. Object and field names come from configuration: they
/// are checked to be API names (`validate`) and never quoted; every value goes through
/// `SOQLLiteral.quote`.
struct SettingsQuery: Sendable {
    let names: CustomSettingNames

    /// Every settings record with its owner named in the same query (TYPEOF), so that reading N
    /// records costs ⌈N/2000⌉ calls and no lookup per owner.
    var records: String {
        "SELECT Id, SetupOwnerId, \(names.keyField), SystemModstamp, TYPEOF SetupOwner "
            + "WHEN User THEN Username, IsActive, ProfileId WHEN Profile THEN Name WHEN Organization THEN Name END "
            + "FROM \(names.object)"
    }

    /// Ids of the records whose retired token field holds a value. The value itself is never
    /// selected: plaintext tokens must not enter vccctl's memory.
    var retiredTokenHolders: String {
        "SELECT Id FROM \(names.object) WHERE \(names.retiredTokenField) != null"
    }

    static let organization = "SELECT Id, IsSandbox FROM Organization"
    static let profiles = "SELECT Id, Name FROM Profile"
    static let userCount = "SELECT COUNT() FROM User"
    static let allUsers = "SELECT Id, Username, IsActive, ProfileId FROM User"

    /// `SELECT Id, Username, IsActive, ProfileId FROM User WHERE Username IN (` + list + `)`.
    static let usersByName = InListQuery(head: "SELECT Id, Username, IsActive, ProfileId FROM User WHERE Username IN (")

    /// The records of the given owners, or with the given Ids (re-reads during a write).
    var recordsByOwner: InListQuery {
        InListQuery(head: "SELECT Id, SetupOwnerId, \(names.keyField) FROM \(names.object) WHERE SetupOwnerId IN (")
    }

    var recordsById: InListQuery {
        InListQuery(head: "SELECT Id, SetupOwnerId, \(names.keyField) FROM \(names.object) WHERE Id IN (")
    }

    /// Throws when a configured name could smuggle SOQL into a query.
    func validate(org: String) throws(SalesforceError) {
        for name in [names.object, names.keyField, names.retiredTokenField] where !Self.isAPIName(name) {
            throw SalesforceError.invalidAPIName(org: org, name: name)
        }
    }

    static func isAPIName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" }
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
