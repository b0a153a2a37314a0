/// A Composite answer: `{compositeResponse: [{body, httpHeaders, httpStatusCode, referenceId}]}`.
struct CompositeResponse: Sendable, Equatable {
    struct Part: Sendable, Equatable {
        var referenceId: String
        var status: Int
        var body: SalesforceJSON
    }

    var parts: [Part]

    init(parts: [Part]) {
        self.parts = parts
    }

    init(_ json: SalesforceJSON, org: String) throws(SalesforceError) {
        guard let array = json["compositeResponse"]?.array else {
            throw SalesforceError.malformedResponse(org: org, detail: "a Composite answer without 'compositeResponse'")
        }
        parts = array.map { part in
            Part(referenceId: part["referenceId"]?.string ?? "", status: part["httpStatusCode"]?.int ?? 0,
                 body: part["body"] ?? .null)
        }
    }

    /// The part of subrequest `referenceId`, else the one at `index` (answers keep request order).
    func part(_ referenceId: String, index: Int) -> Part? {
        parts.first { $0.referenceId == referenceId } ?? (parts.indices.contains(index) ? parts[index] : nil)
    }

    /// Per-record results of the write subrequests `write0...`, flattened in request order. A
    /// subrequest that failed as a whole fails each of its records with its error; a missing or
    /// short answer fails the records it does not cover (nothing is assumed to have landed).
    func recordResults(counts: [Int]) -> [CollectionRecordResult] {
        var results: [CollectionRecordResult] = []
        for (index, count) in counts.enumerated() {
            guard let part = part("write\(index)", index: index) else {
                results += Array(repeating: .failed(SalesforceAPIError(code: "NO_RESULT", message: "Salesforce returned no result for this record")), count: count)
                continue
            }
            if (200..<300).contains(part.status), let records = part.body.array {
                let mapped = records.prefix(count).map(CollectionRecordResult.init)
                results += mapped
                if mapped.count < count {
                    results += Array(repeating: .failed(SalesforceAPIError(code: "NO_RESULT", message: "Salesforce returned no result for this record")), count: count - mapped.count)
                }
            } else {
                let error = (part.body.array?.first).map(SalesforceAPIError.init)
                    ?? SalesforceAPIError(code: "HTTP_\(part.status)", message: "the subrequest failed with HTTP status \(part.status)")
                results += Array(repeating: .failed(error), count: count)
            }
        }
        return results
    }
}
