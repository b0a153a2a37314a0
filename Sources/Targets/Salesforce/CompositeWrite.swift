import VCCModel
import Reconciler

/// Packs record writes of one kind into one Composite request: up to five sObject Collections
/// subrequests of up to 200 records, so that 1000 records cost one API call. `allOrNone` is
/// false at the top (it would override the inner ones) and in every collection: one bad record
/// must not hold back the others.
struct CompositeWrite: Sendable {
    let names: CustomSettingNames
    let apiVersion: String

    static let recordsPerCollection = APICallEstimate.recordsPerCollection
    static let collectionsPerRequest = APICallEstimate.recordsPerWrite / APICallEstimate.recordsPerCollection

    /// The operations split into Composite requests (each ≤ 1000 records), in order.
    static func requests(_ operations: [WriteOperation]) -> [[WriteOperation]] {
        stride(from: 0, to: operations.count, by: APICallEstimate.recordsPerWrite).map {
            Array(operations[$0..<Swift.min($0 + APICallEstimate.recordsPerWrite, operations.count)])
        }
    }

    /// The body of one Composite request for `operations` (one kind, at most 1000), and the
    /// number of records of each subrequest in order (to map the answer back).
    func body(_ operations: [WriteOperation]) -> (body: SalesforceJSON, counts: [Int]) {
        precondition(operations.count <= APICallEstimate.recordsPerWrite, "a Composite write carries at most 1000 records")
        var subrequests: [SalesforceJSON] = []
        var counts: [Int] = []
        for (index, start) in stride(from: 0, to: operations.count, by: Self.recordsPerCollection).enumerated() {
            let slice = Array(operations[start..<Swift.min(start + Self.recordsPerCollection, operations.count)])
            subrequests.append(subrequest(slice, referenceId: "write\(index)"))
            counts.append(slice.count)
        }
        return (.object(["allOrNone": .bool(false), "compositeRequest": .array(subrequests)]), counts)
    }

    private func subrequest(_ operations: [WriteOperation], referenceId: String) -> SalesforceJSON {
        let url = "/services/data/v\(apiVersion)/composite/sobjects"
        switch operations.first?.kind ?? .create {
        case .delete:
            // Ids are alphanumeric; 200 of them (3,800 characters) stay far below the 16 KB URI cap.
            let ids = operations.compactMap(\.recordId).map(PercentEncoding.encode).joined(separator: ",")
            return .object(["method": .string("DELETE"), "url": .string(url + "?ids=" + ids + "&allOrNone=false"),
                            "referenceId": .string(referenceId)])
        case .update, .create:
            let method = operations.first?.kind == .update ? "PATCH" : "POST"
            return .object(["method": .string(method), "url": .string(url), "referenceId": .string(referenceId),
                            "body": .object(["allOrNone": .bool(false), "records": .array(operations.map(record))])])
        }
    }

    private func record(_ operation: WriteOperation) -> SalesforceJSON {
        var fields: [String: SalesforceJSON] = ["attributes": .object(["type": .string(names.object)])]
        switch operation {
        case .create(let ownerId, let key):
            fields["SetupOwnerId"] = .string(ownerId)
            fields[names.keyField] = key.map(SalesforceJSON.string) ?? .null
        case .update(let recordId, let key):
            fields["Id"] = .string(recordId)
            fields[names.keyField] = key.map(SalesforceJSON.string) ?? .null
        case .delete(let recordId):
            fields["Id"] = .string(recordId)
        case .clearRetired(let recordId):
            fields["Id"] = .string(recordId)
            fields[names.retiredTokenField] = .null
        }
        return .object(fields)
    }
}
