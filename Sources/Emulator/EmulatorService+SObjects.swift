import Hummingbird
import OrgSimulator
import SOQL

/// `sobjects/` (describeGlobal), `sobjects/T` (info, POST create), `sobjects/T/describe`,
/// `sobjects/T/ID` (GET, PATCH, DELETE).
extension EmulatorService {
    func describeGlobal(_ request: RESTRequest, session: SessionContext) throws -> EmulatorReply {
        guard request.method == .get else { throw APIFailure.methodNotAllowed(request.method, allowed: ["GET", "HEAD"]) }
        return EmulatorReply(status: .ok, json: .object([
            ("encoding", .string("UTF-8")), ("maxBatchSize", .integer(200)),
            ("sobjects", .array(ObjectCatalog.objects.map { objectSummary($0, request: request, session: session) })),
        ]))
    }

    func sobject(_ request: RESTRequest, session: SessionContext, access: OrgAccess) throws -> EmulatorReply {
        guard let object = ObjectCatalog.object(named: String(request.parts[1])) else {
            throw APIFailure(status: .notFound, errorCode: "NOT_FOUND", message: "The requested resource does not exist")
        }
        if request.parts.count == 2 {
            switch request.method {
            case .get, .head:
                return EmulatorReply(status: .ok, json: .object([
                    ("objectDescribe", objectSummary(object, request: request, session: session)), ("recentItems", .array([])),
                ]))
            case .post:
                guard let body = request.body else { throw APIFailure.badJSON("The request body is empty: send the record as a JSON object") }
                let result = try createRecords([body], type: object.name, allOrNone: true, session: session, access: access)[0]
                guard result.success else { throw Self.recordFailure(result) }
                return EmulatorReply(status: .created, json: Self.json(result))
            default:
                throw APIFailure.methodNotAllowed(request.method, allowed: ["GET", "HEAD", "POST"])
            }
        }
        let third = String(request.parts[2])
        if third == "describe" {
            guard request.method == .get else { throw APIFailure.methodNotAllowed(request.method, allowed: ["GET", "HEAD"]) }
            return describe(object, request: request, session: session)
        }
        switch request.method {
        case .get, .head:
            return try record(object, id: third, request: request, session: session, access: access)
        case .patch:
            guard let body = request.body else { throw APIFailure.badJSON("The request body is empty: send the fields as a JSON object") }
            let result = try updateRecords([body], ids: [third], type: object.name, allOrNone: true, session: session, access: access)[0]
            guard result.success else { throw Self.recordFailure(result) }
            return EmulatorReply(status: .noContent)
        case .delete:
            guard object.writable else {
                throw APIFailure(status: .badRequest, errorCode: "INVALID_TYPE_FOR_OPERATION",
                                 message: "entity type \(object.name) does not support delete")
            }
            let result = try deleteRecords(ids: [third], allOrNone: true, session: session, access: access)[0]
            guard result.success else { throw Self.recordFailure(result) }
            return EmulatorReply(status: .noContent)
        default:
            throw APIFailure.methodNotAllowed(request.method, allowed: ["GET", "HEAD", "PATCH", "DELETE"])
        }
    }

    /// A single-record request that failed answers the record's errors as a request-level array:
    /// 404 for a missing or deleted record, 400 otherwise.
    static func recordFailure(_ result: RecordResult) -> APIFailure {
        let error = result.errors.first ?? RecordError(statusCode: "UNKNOWN_EXCEPTION", message: "the record failed")
        let status: HTTPResponse.Status = ["NOT_FOUND", "ENTITY_IS_DELETED"].contains(error.statusCode) ? .notFound : .badRequest
        return APIFailure(status: status, errorCode: error.statusCode, message: error.message,
                          fields: error.fields.isEmpty ? nil : error.fields)
    }

    /// One record by Id, with every field (`GET sobjects/T/ID`).
    func record(_ object: ObjectDescription, id: String, request: RESTRequest, session: SessionContext,
                access: OrgAccess) throws -> EmulatorReply {
        if object.customSetting, !session.canViewSettings {
            throw APIFailure(status: .forbidden, errorCode: "INSUFFICIENT_ACCESS",
                             message: "insufficient access rights on object \(object.name): the user needs View All Custom Settings")
        }
        guard let normalized = SalesforceIdentifiers.normalize(id), normalized.hasPrefix(object.keyPrefix) else {
            throw APIFailure.notFound
        }
        if object.customSetting, case .deleted = try access.setting(org: session.org.name, id: normalized) {
            throw APIFailure(status: .notFound, errorCode: "ENTITY_IS_DELETED", message: "entity is deleted")
        }
        let rows = try RowSource(access: access, org: session.org).rows(of: object.name, needsOwners: false)
        guard let row = rows.first(where: { if case .string(normalized) = $0.value(of: "Id") { true } else { false } }) else {
            throw APIFailure.notFound
        }
        let query = SOQLQuery(object: object.name, items: object.fields.map { .field([$0.name]) })
        return EmulatorReply(status: .ok, json: SOQLEvaluator(schema: ObjectCatalog.schema, apiVersion: request.version).project(row, query))
    }

    private func objectSummary(_ object: ObjectDescription, request: RESTRequest, session: SessionContext) -> JSONValue {
        let writes = object.writable && session.canCustomize
        let queryable = !object.customSetting || session.canViewSettings
        return .object([
            ("name", .string(object.name)), ("label", .string(object.label)), ("labelPlural", .string(object.labelPlural)),
            ("keyPrefix", .string(object.keyPrefix)), ("custom", .bool(object.name.hasSuffix("__c"))),
            ("customSetting", .bool(object.customSetting)), ("queryable", .bool(queryable)), ("retrieveable", .bool(queryable)),
            ("searchable", .bool(false)), ("createable", .bool(writes)), ("updateable", .bool(writes)),
            ("deletable", .bool(writes)),
            ("urls", .object([
                ("sobject", .string(request.path("sobjects/\(object.name)"))),
                ("describe", .string(request.path("sobjects/\(object.name)/describe"))),
                ("rowTemplate", .string(request.path("sobjects/\(object.name)/{ID}"))),
            ])),
        ])
    }

    private func describe(_ object: ObjectDescription, request: RESTRequest, session: SessionContext) -> EmulatorReply {
        guard case .object(var pairs) = objectSummary(object, request: request, session: session) else {
            return EmulatorReply(status: .internalServerError)
        }
        let writes = object.writable && session.canCustomize
        pairs.append(("fields", .array(object.fields.map { field in
            .object([
                ("name", .string(field.name)), ("label", .string(field.label)), ("type", .string(field.kind.rawValue)),
                ("length", .integer(field.length)), ("nillable", .bool(field.nillable)),
                ("createable", .bool(field.createable && writes)), ("updateable", .bool(field.updateable && writes)),
                ("referenceTo", .array(field.referenceTo.map { .string($0) })),
                ("relationshipName", field.relationshipName.map { .string($0) } ?? .null),
                ("polymorphicForeignKey", .bool(field.referenceTo.count > 1)),
                ("custom", .bool(field.name.hasSuffix("__c"))),
            ])
        })))
        return EmulatorReply(status: .ok, json: .object(pairs))
    }
}
