import GRDB

/// The one way settings records are read back.
enum SettingRecordRow {
    static let select = "SELECT id, ownerId, clientId, retiredToken, baseURL, flags, lastModified FROM setting"

    @inline(__always)
    static func decode(_ row: Row) throws -> SettingRecord {
        SettingRecord(
            id: try row.decode(String.self, atIndex: 0),
            ownerId: try row.decode(String.self, atIndex: 1),
            clientId: try row.decode(String?.self, atIndex: 2),
            retiredToken: try row.decode(String?.self, atIndex: 3),
            baseURL: try row.decode(String?.self, atIndex: 4),
            flags: try row.decode(String?.self, atIndex: 5),
            lastModified: Timestamp.date(try row.decode(Int64.self, atIndex: 6)))
    }
}
