#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C calls FileSafety makes, named apart from its own methods (`read`, `write`) and retried
/// on EINTR where the call may be interrupted.
enum SystemCalls {
    static func readSome(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        while true {
            #if canImport(Glibc)
            let got = Glibc.read(fd, buffer, count)
            #else
            let got = Darwin.read(fd, buffer, count)
            #endif
            if got < 0 && errno == EINTR { continue }
            return got
        }
    }

    static func writeSome(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        while true {
            #if canImport(Glibc)
            let put = Glibc.write(fd, buffer, count)
            #else
            let put = Darwin.write(fd, buffer, count)
            #endif
            if put < 0 && errno == EINTR { continue }
            return put
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
