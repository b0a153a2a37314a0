import Foundation
import OrgSimulator
import SOQL

/// sObject Collections: `composite/sobjects` POST (create), PATCH (update), DELETE
/// (`?ids=&allOrNone=`), GET `composite/sobjects/T?ids=&fields=`. At most 200 records, one API
/// call per request, per-record results in input order.
extension EmulatorService {
    static let collectionLimit = 200

    func collections(_ request: RESTRequest, session: SessionContext, access: OrgAccess) throws -> EmulatorReply {
        switch request.method {
        case .post, .patch:
            guard case .object? = request.body else {
                throw APIFailure.badJSON("The request body must be a JSON object with records")
            }
            guard case .array(let records)? = request.body?["records"] else {
                throw APIFailure(status: .badRequest, errorCode: "INVALID_FIELD", message: "records: a JSON array of records is required")
            }
            try Self.checkCount(records.count)
            let allOrNone = request.body?["allOrNone"] == .bool(true)
            let results = request.method == .post
                ? try createRecords(records, type: nil, allOrNone: allOrNone, session: session, access: access)
                : try updateRecords(records, ids: Array(repeating: nil, count: records.count), type: nil,
                                    allOrNone: allOrNone, session: session, access: access)
            return EmulatorReply(status: .ok, json: .array(results.map(Self.json)))
        case .delete:
            let ids = Self.idList(request.query["ids"])
            guard !ids.isEmpty else {
                throw APIFailure(status: .badRequest, errorCode: "MISSING_ARGUMENT", message: "ids: no Ids given")
            }
            try Self.checkCount(ids.count)
            let allOrNone = request.query["allOrNone"]?.lowercased() == "true"
            let results = try deleteRecords(ids: ids, allOrNone: allOrNone, session: session, access: access)
            return EmulatorReply(status: .ok, json: .array(results.map(Self.json)))
        default:
            throw APIFailure.methodNotAllowed(request.method, allowed: ["POST", "PATCH", "DELETE"])
        }
    }

    /// `GET composite/sobjects/T?ids=a,b&fields=F,G`: the records in the order asked, null for
    /// an Id the org does not have.
    func collectionRetrieve(_ request: RESTRequest, session: SessionContext, access: OrgAccess) throws -> EmulatorReply {
        guard request.method == .get else { throw APIFailure.methodNotAllowed(request.method, allowed: ["GET", "POST"]) }
        guard let object = ObjectCatalog.object(named: String(request.parts[2])) else { throw APIFailure.notFound }
        let ids = Self.idList(request.query["ids"])
        let fields = Self.idList(request.query["fields"])
        guard !ids.isEmpty, !fields.isEmpty else {
            throw APIFailure(status: .badRequest, errorCode: "MISSING_ARGUMENT", message: "ids and fields are required")
        }
        try Self.checkCount(ids.count)
        if object.customSetting, !session.canViewSettings {
            throw APIFailure(status: .forbidden, errorCode: "INSUFFICIENT_ACCESS",
                             message: "insufficient access rights on object \(object.name): the user needs View All Custom Settings")
        }
        let query = SOQLQuery(object: object.name, items: fields.map { .field($0.split(separator: ".").map(String.init)) })
        let evaluator = SOQLEvaluator(schema: ObjectCatalog.schema, apiVersion: request.version)
        do {
            try evaluator.validate(query)
        } catch {
            throw APIFailure(status: .badRequest, errorCode: error.code, message: error.message)
        }
        let needsOwners = fields.contains { $0.lowercased().hasPrefix("setupowner.") }
        let rows = try RowSource(access: access, org: session.org).rows(of: object.name, needsOwners: needsOwners)
        var byId: [String: SOQLRow] = [:]
        for row in rows { if case .string(let id) = row.value(of: "Id") { byId[id] = row } }
        return EmulatorReply(status: .ok, json: .array(ids.map { id in
            SalesforceIdentifiers.normalize(id).flatMap { byId[$0] }.map { evaluator.project($0, query) } ?? .null
        }))
    }

    private static func checkCount(_ count: Int) throws {
        guard count <= collectionLimit else {
            throw APIFailure(status: .badRequest, errorCode: "EXCEEDED_ID_LIMIT",
                             message: "record limit reached. cannot submit more than \(collectionLimit) records into this call")
        }
    }

    private static func idList(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
