/// Why the emulator could not start: each case reads as one clear line.
public enum EmulatorError: Error, Sendable, CustomStringConvertible {
    case notLoopback(String)
    case portInUse(host: String, port: Int)
    case tls(String)
    case dataDirectory(String)
    case readyFile(String)
    case startup(String)

    public var description: String {
        switch self {
        case .notLoopback(let host):
            "refusing to listen on \(host): the emulator serves loopback only (127.0.0.1, ::1 or localhost)"
        case .portInUse(let host, let port):
            "port \(port) on \(host) is already in use: choose another with --port (0 picks a free one)"
        case .tls(let detail): "TLS: \(detail)"
        case .dataDirectory(let detail): "data directory: \(detail)"
        case .readyFile(let detail): "ready file: \(detail)"
        case .startup(let detail): "cannot start the emulator: \(detail)"
        }
    }
}
