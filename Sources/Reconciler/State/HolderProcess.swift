import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a lock holder's process still runs: only knowable on the holder's own host.
public enum HolderProcess {
    /// True when the holder's host is this host and no process has its pid (`kill(pid, 0)` fails
    /// with ESRCH). False when it runs, when it belongs to another user (EPERM), or when the host
    /// is another one: a lock is never declared stale on a guess.
    public static func isGone(_ holder: LockHolder) -> Bool {
        guard holder.pid > 0, isLocalHost(holder.host) else { return false }
        return kill(holder.pid, 0) == -1 && errno == ESRCH
    }

    static func isLocalHost(_ host: String) -> Bool {
        localHostNames.contains(host.lowercased())
    }

    /// This machine's names: gethostname(2) and Foundation's (which may be qualified), and their
    /// first labels.
    private static let localHostNames: Set<String> = {
        var names: Set<String> = []
        var buffer = [CChar](repeating: 0, count: 256)
        if gethostname(&buffer, buffer.count) == 0 {
            names.insert(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        names.insert(ProcessInfo.processInfo.hostName)
        for name in names {
            if let first = name.split(separator: ".").first { names.insert(String(first)) }
        }
        return Set(names.filter { !$0.isEmpty }.map { $0.lowercased() })
    }()
}
