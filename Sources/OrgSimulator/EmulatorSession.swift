import Foundation

/// A session the HTTP emulator issued, found by the hash of its access token.
public struct EmulatorSession: Sendable, Hashable {
    public var org: String
    public var userId: String
    public var issuedAt: Date
    /// Client-credentials sessions run with every permission, whatever the user's own.
    public var allPermissions: Bool
}
