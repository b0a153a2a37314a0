import Foundation

/// The one way JSON output writes a time: RFC 3339 in UTC (`2026-01-02T10:00:00Z`), never
/// seconds since 1970, so every document reads the same to a person and a parser.
enum RFC3339 {
    static func utc(_ secondsSince1970: Double) -> String {
        Date(timeIntervalSince1970: secondsSince1970).ISO8601Format()
    }
}
