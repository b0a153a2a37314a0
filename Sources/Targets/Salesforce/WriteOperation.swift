/// One record write as sObject Collections carries it.
enum WriteOperation: Sendable, Hashable {
    case create(ownerId: String, key: String?)
    case update(recordId: String, key: String?)
    case delete(recordId: String)
    /// Nulls the retired token field (a PATCH like an update; the key stays).
    case clearRetired(recordId: String)

    enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Deletes go first: a replace frees an owner before the create for it.
        case delete, update, create
    }

    var kind: Kind {
        switch self {
        case .create: .create
        case .update, .clearRetired: .update
        case .delete: .delete
        }
    }

    var recordId: String? {
        switch self {
        case .create: nil
        case .update(let id, _), .delete(let id), .clearRetired(let id): id
        }
    }
}
