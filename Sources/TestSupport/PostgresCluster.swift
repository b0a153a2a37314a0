import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real PostgreSQL server for tests: the one `VCCCTL_TEST_POSTGRES_URL` names, or a throwaway
/// cluster (`initdb` and `pg_ctl` in a temporary directory, on a free loopback port) started once
/// per test process and stopped when the process ends. Each test uses a schema of its own.
///
/// The server binaries are found on PATH or in Debian's /usr/lib/postgresql/N/bin (`.ci/run`
/// installs them). PostgreSQL refuses to run as root: as root the cluster belongs to `nobody`
/// and its programs run as that user (setpriv).
///
/// The cluster's superuser `vccctl` logs in over TCP with a password (SCRAM), so that tests go
/// through the same password handling as a team's server; `password` is it, `url` is without it.
public final class PostgresCluster: Sendable {
    /// `postgres://USER@HOST:PORT/DATABASE`, without password or parameters.
    public let url: String
    public let password: String?
    /// Whether this process started the server (and so may stop or restart it).
    public let ownsServer: Bool
    /// The CA that signed the server's certificate (for `localhost` and 127.0.0.1), when this
    /// process made the server: it speaks TLS as well as plain TCP.
    public var caFile: String? { directory.map { $0 + "/ca.pem" } }
    private let directory: String?
    private let binaries: String?

    /// Whether the tests use the server VCCCTL_TEST_POSTGRES_URL names rather than a cluster of
    /// their own: tests that need its CA, its superuser or to restart it are then skipped.
    public static var usesExternalServer: Bool {
        !(ProcessInfo.processInfo.environment["VCCCTL_TEST_POSTGRES_URL"] ?? "").isEmpty
    }

    /// Whether that server is reached without a password (trust authentication): tests of
    /// password handling are then skipped.
    public static var usesPasswordlessServer: Bool {
        guard usesExternalServer, let external = ProcessInfo.processInfo.environment["VCCCTL_TEST_POSTGRES_URL"] else { return false }
        return URLComponents(string: external)?.password == nil && (ProcessInfo.processInfo.environment["PGPASSWORD"] ?? "").isEmpty
    }

    /// The process's shared server.
    public static func shared() throws -> PostgresCluster {
        try sharedCluster.get()
    }

    private static let sharedCluster: Result<PostgresCluster, any Error> = Result(catching: {
        if let external = ProcessInfo.processInfo.environment["VCCCTL_TEST_POSTGRES_URL"], !external.isEmpty {
            return PostgresCluster(external: external)
        }
        return try PostgresCluster.start()
    })

    private init(external: String) {
        var components = URLComponents(string: external)
        password = components?.password ?? ProcessInfo.processInfo.environment["PGPASSWORD"]
        components?.password = nil
        components?.query = nil
        url = components?.string ?? external
        ownsServer = false
        directory = nil
        binaries = nil
    }

    private init(url: String, password: String, directory: String, binaries: String) {
        self.url = url
        self.password = password
        ownsServer = true
        self.directory = directory
        self.binaries = binaries
    }

    /// A URL of the state in `schema`, with the password when `withPassword` (as in VCCCTL_STATE).
    public func url(schema: String, withPassword: Bool = false) -> String {
        var text = url
        if withPassword, let password, let at = text.firstIndex(of: "@"), let scheme = text.range(of: "://") {
            let user = String(text[scheme.upperBound..<at])
            text = String(text[..<scheme.upperBound]) + user + ":" + password + String(text[at...])
        }
        return text + "?search_path=" + schema + "&sslmode=disable"
    }

    /// A schema name of its own for one test.
    public static func uniqueSchema(_ label: String = "t") -> String {
        "\(label)_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
    }

    /// The port the server listens on.
    public var port: Int { URLComponents(string: url)?.port ?? 5432 }

    /// Runs `psql -c SQL` for each statement, as the cluster's superuser on `database`: what a
    /// team's database owner types (the README's setup). psql comes with the server's binaries.
    public func psql(_ statements: [String], database: String = "postgres") throws {
        // Beside the server's binaries (Debian's /usr/lib/postgresql/N/bin), else on PATH.
        let psql = binaries.map { $0 + "/psql" }.flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil } ?? "psql"
        var components = URLComponents(string: url)
        components?.path = "/" + database
        var environment = ProcessInfo.processInfo.environment
        if let password { environment["PGPASSWORD"] = password }
        let command = [psql, "-X", "-v", "ON_ERROR_STOP=1", "-d", components?.string ?? url] + statements.flatMap { ["-c", $0] }
        try DaemonSafeRun.check(command, in: FileManager.default.temporaryDirectory.path, environment: environment, what: "psql")
    }

    // MARK: - A throwaway cluster

    /// Starts a new cluster (one more than the shared one: for a test that restarts its server).
    public static func start() throws -> PostgresCluster {
        let binaries = try findBinaries()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vccctl-pg-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let password = "pg-\(UUID().uuidString)"
        try Data(password.utf8).write(to: URL(fileURLWithPath: directory + "/pwfile"))
        if geteuid() == 0 {
            for path in [directory, directory + "/pwfile"] where chown(path, 65534, 65534) != 0 {
                throw ClusterError("cannot give \(path) to nobody: \(String(cString: strerror(errno)))")
            }
        }
        try run(binaries + "/initdb", ["-D", directory + "/data", "-U", "vccctl", "--pwfile=" + directory + "/pwfile",
                                       "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync",
                                       "--no-instructions"], in: directory)
        try makeCertificates(in: directory)
        let port = try freePort()
        let cluster = PostgresCluster(url: "postgres://vccctl@127.0.0.1:\(port)/postgres", password: password,
                                      directory: directory, binaries: binaries)
        try cluster.startAgain()
        try cluster.watchOverThisProcess()
        return cluster
    }

    /// A CA and a server certificate it signed, with openssl (as `.ci/run` installs it).
    private static func makeCertificates(in directory: String) throws {
        try Data("subjectAltName=DNS:localhost,IP:127.0.0.1\n".utf8).write(to: URL(fileURLWithPath: directory + "/san.ext"))
        let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let openssl else { throw ClusterError("openssl is missing: install it (apt-get install openssl), as .ci/run does") }
        for arguments in [
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=vccctl test CA"],
            ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"],
            ["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt",
             "-days", "2", "-extfile", "san.ext"],
        ] {
            try run(openssl, arguments, in: directory, asServerUser: false)
        }
        for file in ["server.key", "server.crt", "ca.pem"] {
            let path = directory + "/" + file
            chmod(path, file == "server.key" ? 0o600 : 0o644)
            if geteuid() == 0 && chown(path, 65534, 65534) != 0 {
                throw ClusterError("cannot give \(path) to nobody: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Stops the server at once, as a crash or a kill would (`immediate`), or politely (`fast`).
    public func stop(mode: String = "fast") throws {
        try pgctl(["stop", "-w", "-m", mode])
    }

    /// Starts the server (again, after `stop`), on its port.
    public func startAgain() throws {
        guard let directory else { throw ClusterError("not a cluster of this process") }
        // pg_ctl start does not reuse the options of the last start: every one is given again.
        try pgctl(["start", "-w", "-t", "60", "-l", directory + "/server.log", "-o",
                   "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
                   + "-c full_page_writes=off -c max_connections=200 -c ssl=on -c ssl_cert_file=\(directory)/server.crt "
                   + "-c ssl_key_file=\(directory)/server.key"])
    }

    private func pgctl(_ arguments: [String]) throws {
        guard let directory, let binaries else { throw ClusterError("not a cluster of this process: cannot run pg_ctl") }
        try Self.run(binaries + "/pg_ctl", ["-D", directory + "/data"] + arguments, in: directory)
    }

    /// A watchdog shell stops the server and removes its directory once this process ends,
    /// however it ends.
    private func watchOverThisProcess() throws {
        guard let directory, let binaries else { return }
        let stop = Self.asServerUser([binaries + "/pg_ctl", "-D", directory + "/data", "stop", "-m", "immediate"])
            .map { "'\($0)'" }.joined(separator: " ")
        let watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/bin/sh")
        watchdog.arguments = ["-c", "while kill -0 \(getpid()) 2>/dev/null; do sleep 0.5; done; \(stop) >/dev/null 2>&1; rm -rf '\(directory)'"]
        watchdog.standardInput = FileHandle.nullDevice
        watchdog.standardOutput = FileHandle.nullDevice
        watchdog.standardError = FileHandle.nullDevice
        try watchdog.run()
    }

    private static func findBinaries() throws -> String {
        var candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let debian = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: debian)) ?? []
        candidates += versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "\(debian)/\($0)/bin" }
        for directory in candidates where FileManager.default.isExecutableFile(atPath: directory + "/initdb")
            && FileManager.default.isExecutableFile(atPath: directory + "/pg_ctl") {
            return directory
        }
        throw ClusterError("initdb and pg_ctl are not on PATH nor in /usr/lib/postgresql/*/bin: install the server "
            + "(apt-get install postgresql, as .ci/run does) or set VCCCTL_TEST_POSTGRES_URL")
    }

    /// The command as the server's user: `nobody` when this process is root.
    private static func asServerUser(_ command: [String]) -> [String] {
        geteuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] + command : command
    }

    private static func run(_ executable: String, _ arguments: [String], in directory: String, asServerUser serverUser: Bool = true) throws {
        let command = serverUser ? asServerUser([executable] + arguments) : [executable] + arguments
        try DaemonSafeRun.check(command, in: directory, environment: ProcessInfo.processInfo.environment,
                                what: "\(URL(fileURLWithPath: executable).lastPathComponent) \(arguments.first ?? "")")
    }

    /// A TCP port nobody listens on now (bound to port 0, then released).
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ClusterError("socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
                guard bind(fd, pointer, length) == 0 else { return -1 }
                return getsockname(fd, pointer, &length)
            }
        }
        guard bound == 0 else { throw ClusterError("bind: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

public struct ClusterError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
