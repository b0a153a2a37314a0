#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C calls FileSafety makes, named apart from its own methods (`read`, `write`) and retried
/// on EINTR where the call may be interrupted.
enum SystemCalls {
    static func readSome(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        retryingInterrupted { Glibc.read(fd, buffer, count) }
        #else
        retryingInterrupted { Darwin.read(fd, buffer, count) }
        #endif
    }

    static func writeSome(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        retryingInterrupted { Glibc.write(fd, buffer, count) }
        #else
        retryingInterrupted { Darwin.write(fd, buffer, count) }
        #endif
    }

    /// Calls `call` again while it fails with EINTR (a signal arrived before any byte moved).
    private static func retryingInterrupted(_ call: () -> Int) -> Int {
        while true {
            let result = call()
            if result < 0 && errno == EINTR { continue }
            return result
        }
    }

    /// Writes every byte, or returns the errno of the failure.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        var done = 0
        while done < bytes.count {
            let put = bytes.withUnsafeBytes { writeSome(fd, $0.baseAddress! + done, $0.count - done) }
            if put < 0 { return errno }
            done += put
        }
        return nil
    }

    static func closeQuietly(_ fd: Int32) {
        _ = close(fd)
    }
}
