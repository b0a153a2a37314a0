import VCCModel

/// The REST calls of one org for one refresh or write: queries (paged, or packed five to a
/// Composite request), the custom setting's describe, Composite writes. Every call is counted
/// in `tally`.
struct SalesforceOrgClient: Sendable {
    let session: SalesforceSession
    let tally: CallTally
    let apiVersion: String
    let names: CustomSettingNames

    var org: String { session.endpoint.orgName }
    var dataPath: String { "/services/data/v\(apiVersion)" }
    /// Queries of one Composite request (Salesforce allows five query or Collections subrequests).
    static let queriesPerComposite = 5
    static let queryOptions = ("Sforce-Query-Options", "batchSize=2000")

    func queryPath(_ soql: String) -> String { dataPath + "/query?q=" + PercentEncoding.encode(soql) }

    /// Length of everything a query URI holds before the encoded SOQL.
    func queryURIPrefixLength() async -> Int {
        await session.originLength + queryPath("").utf8.count
    }

    /// Runs `soql`, following `nextRecordsUrl` page by page; returns `totalSize`.
    @discardableResult
    func query(_ soql: String, page: (QueryPage) throws -> Void) async throws -> Int {
        var path: String? = queryPath(soql)
        var total = 0
        var prefetched: (path: String, reply: Task<HTTPReply, any Error>)?
        defer { prefetched?.reply.cancel() }
        while let next = path {
            let reply: HTTPReply
            if let ahead = prefetched, ahead.path == next {
                reply = try await ahead.reply.value
            } else {
                prefetched?.reply.cancel()
                reply = try await fetch(next)
            }
            prefetched = nil
            // The next page's address comes before the records: ask for that page while this one
            // is parsed, so the org's work and ours overlap (a 100k-record read is 50 pages).
            if let ahead = NextRecordsScan.path(in: reply.body) {
                prefetched = (ahead, Task { try await fetch(ahead) })
            }
            let parsed = try QueryPage(try decode(reply), org: org)
            total = parsed.totalSize
            try page(parsed)
            path = parsed.nextRecordsURL
        }
        return total
    }

    private func fetch(_ path: String) async throws -> HTTPReply {
        try await session.send(APIRequest(method: .get, path: path, headers: [Self.queryOptions]), tally: tally, idempotent: true)
    }

    func queryAll(_ soql: String) async throws -> [SalesforceJSON] {
        var records: [SalesforceJSON] = []
        try await query(soql) { records += $0.records }
        return records
    }

    /// Runs short queries (each one page, under 2,000 URI characters): one GET when there is
    /// one, else Composite requests of five query subrequests (one call each). Records of all
    /// queries together.
    func queries(_ soqls: [String]) async throws -> [SalesforceJSON] {
        if soqls.count == 1 { return try await queryAll(soqls[0]) }
        var records: [SalesforceJSON] = []
        for start in stride(from: 0, to: soqls.count, by: Self.queriesPerComposite) {
            let group = Array(soqls[start..<Swift.min(start + Self.queriesPerComposite, soqls.count)])
            let subrequests: [SalesforceJSON] = group.enumerated().map { index, soql in
                .object(["method": .string("GET"), "url": .string(queryPath(soql)), "referenceId": .string("query\(index)")])
            }
            let body = SalesforceJSON.object(["allOrNone": .bool(false), "compositeRequest": .array(subrequests)])
            let reply = try await session.send(APIRequest(method: .post, path: dataPath + "/composite", body: body),
                                               tally: tally, idempotent: true)
            let response = try CompositeResponse(try decode(reply), org: org)
            for index in group.indices {
                guard let part = response.part("query\(index)", index: index) else {
                    throw SalesforceError.malformedResponse(org: org, detail: "a Composite answer lacks a query result")
                }
                guard (200..<300).contains(part.status) else {
                    let error = part.body.array?.first.map(SalesforceAPIError.init)
                        ?? SalesforceAPIError(code: "HTTP_\(part.status)", message: "query subrequest failed")
                    throw SalesforceError.requestFailed(org: org, status: part.status, code: error.code, message: error.message)
                }
                var page = try QueryPage(part.body, org: org)
                records += page.records
                // A long answer continues outside the Composite request, page by page.
                while let next = page.nextRecordsURL {
                    let reply = try await session.send(APIRequest(method: .get, path: next, headers: [Self.queryOptions]),
                                                       tally: tally, idempotent: true)
                    page = try QueryPage(try decode(reply), org: org)
                    records += page.records
                }
            }
        }
        return records
    }

    /// The custom setting's describe: once per org per process, then from memory.
    func describe() async throws -> SObjectDescription {
        if let known = await session.describedObject { return known }
        let reply: HTTPReply
        do {
            reply = try await session.send(APIRequest(method: .get, path: dataPath + "/sobjects/\(names.object)/describe"),
                                           tally: tally, idempotent: true)
        } catch SalesforceError.requestFailed(_, let status, let code, _) where status == 404 || code == "NOT_FOUND" {
            throw SalesforceError.objectMissing(org: org, object: names.object)
        }
        let description = SObjectDescription(try decode(reply))
        await session.remember(description)
        return description
    }

    /// Sends one Composite write (one kind, at most 1000 records); per-record results in order.
    /// Throws `RequestFateUnknown` when the request may or may not have landed.
    func write(_ operations: [WriteOperation]) async throws -> [CollectionRecordResult] {
        let (body, counts) = CompositeWrite(names: names, apiVersion: apiVersion).body(operations)
        let reply: HTTPReply
        do {
            reply = try await session.send(APIRequest(method: .post, path: dataPath + "/composite", body: body),
                                           tally: tally, idempotent: false)
        } catch SalesforceError.requestFailed(_, _, let code, let message) {
            // Refused as a whole (a malformed request): nothing landed.
            return Array(repeating: .failed(SalesforceAPIError(code: code, message: message)), count: operations.count)
        }
        return try CompositeResponse(try decode(reply), org: org).recordResults(counts: counts)
    }

    private func decode(_ reply: HTTPReply) throws(SalesforceError) -> SalesforceJSON {
        do {
            return try SalesforceJSON.decode(reply.body)
        } catch {
            throw SalesforceError.malformedResponse(org: org, detail: "the answer is not JSON (HTTP \(reply.status))")
        }
    }
}
