import OrgSimulator

/// The bearer token of the VCC admin contract, made fresh at every start (like the development
/// credentials, it is random and exists only for this run) and handed out only through the
/// owner-only ready file. It is compared in constant time and never printed: its description
/// is a placeholder, so string interpolation into a log or message cannot leak it.
struct VCCAdminToken: Sendable, CustomStringConvertible {
    /// The token itself: 43 URL-safe characters (258 bits).
    let value: String

    init() {
        value = RandomText.base64URL(43)
    }

    /// Whether an `Authorization` header carries this token, or the development token that
    /// `target: emulator` sends without any `vcc` settings (as the REST side accepts the
    /// development client credentials: the emulator serves loopback only). `Bearer`, the scheme
    /// in any case, as RFC 9110 allows. Time does not depend on where a wrong token differs.
    func accepts(authorization header: String?) -> Bool {
        guard let header else { return false }
        let scheme = "bearer "
        guard header.utf8.count > scheme.utf8.count,
              header.utf8.prefix(scheme.utf8.count).map({ $0 | 0x20 }).elementsEqual(scheme.utf8.map { $0 | 0x20 })
        else { return false }
        let presented = Array(header.utf8.dropFirst(scheme.utf8.count))
        // Both comparisons always run: which one matched is not observable either.
        let random = Self.equal(presented, Array(value.utf8))
        let development = Self.equal(presented, Array(EmulatorDevelopmentCredentials.vccAdminToken.utf8))
        return random || development
    }

    private static func equal(_ presented: [UInt8], _ expected: [UInt8]) -> Bool {
        // Compare over the expected length whatever was presented, so a wrong length costs the same.
        var difference = presented.count == expected.count ? 0 : 1
        for index in expected.indices {
            let byte = index < presented.count ? presented[index] : 0
            difference |= Int(byte ^ expected[index])
        }
        return difference == 0
    }

    var description: String { "VCCAdminToken(redacted)" }
}
