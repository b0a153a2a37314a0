/// The Salesforce REST limits the simulator meters against (shared/DOMAIN.md, "REST facts").
public enum SalesforceLimits {
    /// Records per page of a SOQL query; reading N records costs ceil(N / 2000) calls.
    public static let queryPageSize = 2000
    /// Records per sObject Collections request; writing N records costs ceil(N / 200) calls.
    public static let collectionBatchSize = 200
    /// Length of the custom setting's text fields (`Text(255)` in the managed package).
    public static let textFieldLength = 255

    /// Calls needed to move `count` items in pages of `pageSize`: 0 for nothing.
    static func calls(for count: Int, pageSize: Int) -> Int {
        count <= 0 ? 0 : (count + pageSize - 1) / pageSize
    }
}
