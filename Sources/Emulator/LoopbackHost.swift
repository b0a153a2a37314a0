#if canImport(Glibc)
import Glibc
#endif

/// The emulator listens on loopback only: it speaks for an org, with development credentials
/// that anyone reaching it could use.
public enum LoopbackHost {
    /// Whether `host` is a literal address in 127.0.0.0/8, `::1`, or `localhost`. Names other
    /// than `localhost` are refused rather than resolved: a name could point anywhere.
    public static func isLoopback(_ host: String) -> Bool {
        var trimmed = host
        if trimmed.hasPrefix("["), trimmed.hasSuffix("]") { trimmed = String(trimmed.dropFirst().dropLast()) }
        if trimmed.lowercased() == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, trimmed, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, trimmed, &v6) == 1 {
            let bytes = withUnsafeBytes(of: v6) { Array($0) }
            return bytes == [UInt8](repeating: 0, count: 15) + [1]
        }
        return false
    }
}
