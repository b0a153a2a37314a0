/// One page of a query answer: `{totalSize, done, nextRecordsUrl?, records}`.
struct QueryPage: Sendable, Equatable {
    var totalSize: Int
    var records: [SalesforceJSON]
    /// The server-absolute path of the next page; nil on the last page.
    var nextRecordsURL: String?

    /// Reads a page; a page that says more follow without saying where is an error.
    init(_ json: SalesforceJSON, org: String) throws(SalesforceError) {
        guard let done = json["done"]?.bool else {
            throw SalesforceError.malformedResponse(org: org, detail: "a query answer without 'done'")
        }
        totalSize = json["totalSize"]?.int ?? 0
        records = json["records"]?.array ?? []
        if done {
            nextRecordsURL = nil
        } else {
            guard let next = json["nextRecordsUrl"]?.string, next.hasPrefix("/") else {
                throw SalesforceError.malformedResponse(
                    org: org, detail: "a query page says more records follow ('done': false) but gives no 'nextRecordsUrl'")
            }
            nextRecordsURL = next
        }
    }
}
