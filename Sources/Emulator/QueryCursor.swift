import SOQL

/// A query's selected rows kept between pages, so a page never re-runs the query: following
/// `nextRecordsUrl` over 100k records stays linear.
struct QueryCursor: Sendable {
    var org: String
    var query: SOQLQuery
    var rows: [SOQLRow]
    var totalSize: Int
    var pageSize: Int
    /// The projection compiled for the API version of the page that made it; a page of another
    /// version compiles its own.
    var projection: SOQLProjection
}
