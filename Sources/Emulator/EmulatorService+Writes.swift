import OrgSimulator
import SOQL

/// Record writes shared by `sobjects/T` and `composite/sobjects`: checks Salesforce makes before
/// the database (object type, permission, JSON shape), then the simulator's rules in the
/// request's transaction, with `allOrNone` rolling back every record when one fails.
extension EmulatorService {
    static let rolledBack = RecordError(
        statusCode: "ALL_OR_NONE_OPERATION_ROLLED_BACK",
        message: "Record rolled back because not all records were valid and the request was using AllOrNone header")

    /// Creates records of `type` (nil: each record names its type in `attributes`).
    func createRecords(_ records: [JSONValue], type: String?, allOrNone: Bool, session: SessionContext,
                       access: OrgAccess) throws -> [RecordResult] {
        let prepared: [Result<(NewSetting, retiredToken: String?), RecordFailure>] = records.map { record in
            if let failure = Self.check(record, type: type, operation: "create", session: session) { return .failure(failure) }
            return SettingInput.create(record)
        }
        if allOrNone, prepared.contains(where: { if case .failure = $0 { true } else { false } }) {
            return Self.rolledBackResults(prepared.map { result in result.map { _ in String?.none } })
        }
        let valid = prepared.compactMap { try? $0.get() }
        var written = try access.create(org: session.org.name, valid.map(\.0), allOrNone: allOrNone)[...]
        var results: [RecordResult] = []
        for index in prepared.indices {
            switch prepared[index] {
            case .failure(let failure):
                results.append(RecordResult(id: nil, success: false, errors: [failure.recordError]))
            case .success(let input):
                var result = written.removeFirst()
                if result.success, let token = input.retiredToken, let id = result.id {
                    result = try access.update(org: session.org.name, [SettingUpdate(id: id, retiredToken: .set(token))],
                                               allOrNone: false).first.map { $0.success ? result : $0 } ?? result
                }
                results.append(result)
            }
        }
        return results
    }

    /// Updates records; each carries its Id (`id`), or `ids` gives them (a single-record PATCH).
    func updateRecords(_ records: [JSONValue], ids: [String?], type: String?, allOrNone: Bool, session: SessionContext,
                       access: OrgAccess) throws -> [RecordResult] {
        let prepared: [Result<SettingUpdate, RecordFailure>] = zip(records, ids).map { record, givenId in
            if let failure = Self.check(record, type: type, operation: "update", session: session) { return .failure(failure) }
            guard let id = givenId ?? Self.recordId(record) else {
                return .failure(RecordFailure(statusCode: "MISSING_ARGUMENT", message: "Id not specified in an update call", fields: ["Id"]))
            }
            return SettingInput.update(record, id: id)
        }
        if allOrNone, prepared.contains(where: { if case .failure = $0 { true } else { false } }) {
            return Self.rolledBackResults(prepared.map { result in result.map { Optional($0.id) } })
        }
        let valid = prepared.compactMap { try? $0.get() }
        var written = try access.update(org: session.org.name, valid, allOrNone: allOrNone)[...]
        return zip(prepared, ids).map { result, givenId in
            switch result {
            case .failure(let failure): RecordResult(id: givenId, success: false, errors: [failure.recordError])
            case .success: written.removeFirst()
            }
        }
    }

    func deleteRecords(ids: [String], allOrNone: Bool, session: SessionContext, access: OrgAccess) throws -> [RecordResult] {
        let prepared: [Result<String, RecordFailure>] = ids.map { id in
            guard session.canCustomize else { return .failure(.insufficientAccess) }
            if let normalized = SalesforceIdentifiers.normalize(id), !normalized.hasPrefix("a0X") {
                return .failure(RecordFailure(statusCode: "INVALID_TYPE_FOR_OPERATION",
                                              message: "entity type \(Self.typeName(ofId: normalized)) does not support delete"))
            }
            return .success(id)
        }
        if allOrNone, prepared.contains(where: { if case .failure = $0 { true } else { false } }) {
            return Self.rolledBackResults(prepared.map { result in result.map { Optional($0) } })
        }
        let valid = prepared.compactMap { try? $0.get() }
        var written = try access.delete(org: session.org.name, valid, allOrNone: allOrNone)[...]
        return zip(prepared, ids).map { result, id in
            switch result {
            case .failure(let failure): RecordResult(id: id, success: false, errors: [failure.recordError])
            case .success: written.removeFirst()
            }
        }
    }

    /// The type and permission checks every written record goes through.
    private static func check(_ record: JSONValue, type: String?, operation: String, session: SessionContext) -> RecordFailure? {
        guard case .object = record else { return .notAnObject }
        let named: String?
        if case .string(let text)? = record["attributes"]?["type"] { named = text } else { named = type }
        guard let named else {
            return RecordFailure(statusCode: "INVALID_TYPE", message: "Must send a concrete entity type.")
        }
        guard let object = ObjectCatalog.object(named: named) else {
            return RecordFailure(statusCode: "INVALID_TYPE", message: "sObject type '\(named)' is not supported.")
        }
        guard object.writable else {
            return RecordFailure(statusCode: "INVALID_TYPE_FOR_OPERATION", message: "entity type \(object.name) does not support \(operation)")
        }
        guard session.canCustomize else { return .insufficientAccess }
        return nil
    }

    private static func recordId(_ record: JSONValue) -> String? {
        for key in ["id", "Id", "ID"] {
            if case .string(let id)? = record[key] { return id }
        }
        return nil
    }

    static func typeName(ofId id: String) -> String {
        ObjectCatalog.objects.first { id.hasPrefix($0.keyPrefix) }?.name ?? "unknown"
    }

    /// allOrNone with a record refused before the database: nothing is written; the refused
    /// records keep their errors, the others are rolled back.
    private static func rolledBackResults(_ prepared: [Result<String?, RecordFailure>]) -> [RecordResult] {
        prepared.map { result in
            switch result {
            case .failure(let failure): RecordResult(id: nil, success: false, errors: [failure.recordError])
            case .success(let id): RecordResult(id: id, success: false, errors: [rolledBack])
            }
        }
    }

    /// `{id, success, errors:[{statusCode, message, fields}]}`.
    static func json(_ result: RecordResult) -> JSONValue {
        .object([
            ("id", result.id.map { .string($0) } ?? .null), ("success", .bool(result.success)),
            ("errors", .array(result.errors.map { error in
                .object([("statusCode", .string(error.statusCode)), ("message", .string(error.message)),
                         ("fields", .array(error.fields.map { .string($0) }))])
            })),
        ])
    }
}
