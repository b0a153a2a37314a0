import Foundation
import OrgSimulator
import SOQL

/// `query/?q=`, `queryAll/?q=` and `query/<locator>-<offset>`.
extension EmulatorService {
    func query(_ request: RESTRequest, session: SessionContext, access: OrgAccess) throws -> EmulatorReply {
        guard request.method == .get else { throw APIFailure.methodNotAllowed(request.method, allowed: ["GET", "HEAD"]) }
        if request.parts.count == 2 { return try nextPage(request, session: session, locator: String(request.parts[1])) }
        guard let text = request.query["q"], !text.isEmpty else {
            throw APIFailure(status: .badRequest, errorCode: "MALFORMED_QUERY", message: "A query string has to be specified")
        }
        return try runQuery(text, request: request, session: session, access: access)
    }

    func runQuery(_ text: String, request: RESTRequest, session: SessionContext, access: OrgAccess) throws -> EmulatorReply {
        let evaluator = SOQLEvaluator(schema: ObjectCatalog.schema, apiVersion: request.version)
        let query: SOQLQuery
        do {
            query = try SOQLQuery.parse(text)
            try evaluator.validate(query)
        } catch {
            throw APIFailure(status: .badRequest, errorCode: error.code, message: error.message)
        }
        guard let object = ObjectCatalog.object(named: query.object) else {
            throw APIFailure(status: .badRequest, errorCode: "INVALID_TYPE", message: "sObject type '\(query.object)' is not supported.")
        }
        if object.customSetting, !session.canViewSettings {
            throw APIFailure(
                status: .badRequest, errorCode: "INSUFFICIENT_ACCESS",
                message: "insufficient access rights on object \(object.name): the user needs View All Custom Settings")
        }
        let needsOwners = text.range(of: "setupowner", options: .caseInsensitive) != nil
        let rows = try RowSource(access: access, org: session.org).rows(of: object.name, needsOwners: needsOwners)
        let result: SOQLResult
        do {
            result = try evaluator.run(query, rows: rows)
        } catch {
            throw APIFailure(status: .badRequest, errorCode: error.code, message: error.message)
        }
        if result.isCount {
            return EmulatorReply(status: .ok, text: "{\"totalSize\":\(result.totalSize),\"done\":true,\"records\":[]}")
        }
        let cursor = QueryCursor(org: session.org.name, query: query, rows: result.rows, totalSize: result.totalSize,
                                 pageSize: request.batchSize ?? SalesforceLimits.queryPageSize,
                                 projection: evaluator.projection(for: query))
        return page(cursor, locator: nil, offset: 0, version: request.version)
    }

    private func nextPage(_ request: RESTRequest, session: SessionContext, locator text: String) throws -> EmulatorReply {
        let invalid = APIFailure(status: .badRequest, errorCode: "INVALID_QUERY_LOCATOR", message: "invalid query locator")
        guard let dash = text.lastIndex(of: "-"), let offset = Int(text[text.index(after: dash)...]), offset > 0 else {
            throw invalid
        }
        let locator = String(text[..<dash])
        guard let cursor = cursors.cursor(locator), cursor.org == session.org.name, offset < cursor.rows.count else {
            throw invalid
        }
        var resized = cursor
        if let batchSize = request.batchSize { resized.pageSize = batchSize }
        return page(resized, locator: locator, offset: offset, version: request.version)
    }

    /// One page as JSON bytes, built by appending with the query's compiled projection: no tree
    /// of the whole page, no JSONSerialization, no per-record plan.
    private func page(_ cursor: QueryCursor, locator: String?, offset: Int, version: String) -> EmulatorReply {
        let projection = cursor.projection.apiVersion == version
            ? cursor.projection
            : SOQLEvaluator(schema: ObjectCatalog.schema, apiVersion: version).projection(for: cursor.query)
        let end = min(offset + cursor.pageSize, cursor.rows.count)
        var head = "{\"totalSize\":\(cursor.totalSize),\"done\":"
        if end < cursor.rows.count {
            let id = locator ?? cursors.open(cursor)
            head += "false,\"nextRecordsUrl\":\"/services/data/v\(version)/query/\(id)-\(end)\""
        } else {
            if let locator { cursors.close(locator) }
            head += "true"
        }
        head += ",\"records\":["
        var bytes: [UInt8] = []
        bytes.reserveCapacity(head.utf8.count + (end - offset) * 512)
        bytes.append(contentsOf: head.utf8)
        cursor.rows.withUnsafeBufferPointer { rows in
            for index in offset..<end {
                if index > offset { bytes.append(0x2C) }
                projection.write(rows[index], to: &bytes)
            }
        }
        bytes.append(contentsOf: "]}".utf8)
        return EmulatorReply(status: .ok, bytes: bytes)
    }
}
