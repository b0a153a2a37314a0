import Foundation

/// Runs the built `vccctl` executable, as a user or CI would, and captures what it does.
public struct CommandRunner: Sendable {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    public let executable: String

    /// Runs another program the same way (a client library's script, a tool).
    public init(executable: String) {
        self.executable = executable
    }

    /// The `vccctl` built next to the running test bundle, or `VCCCTL_BIN` when set.
    public init() {
        if let override = ProcessInfo.processInfo.environment["VCCCTL_BIN"] {
            executable = override
        } else {
            let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? CommandLine.arguments[0]
            executable = URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("vccctl").path
        }
    }

    /// `run` on a thread of its own. Waiting for a child in a test's task would hold one of Swift
    /// concurrency's few cooperative threads (as many as cores) for as long as the child runs;
    /// when the child talks to a server in the test process (the emulator), that server needs
    /// those threads to answer, and two such tests at once can starve it altogether.
    public func runOffThePool(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
                              input: String = "") async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Swift.Result {
                    try self.run(arguments, in: directory, environment: environment, input: input)
                })
            }
            thread.start()
        }
    }

    /// Runs `vccctl arguments` in `directory` with `environment` added to a minimal one (no
    /// inherited `NO_COLOR` or terminal), feeding `input` on standard input.
    public func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
                    input: String = "") throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        if let home = ProcessInfo.processInfo.environment["HOME"] { env["HOME"] = home }
        env.merge(environment) { $1 }
        process.environment = env
        // Output goes to files, not pipes: a large output can then never block the child.
        let scratch = try TemporaryDirectory("vccctl-run")
        defer { scratch.remove() }
        let outPath = try scratch.write("stdout", "")
        let errPath = try scratch.write("stderr", "")
        let inPath = try scratch.write("stdin", input)
        let stdout = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let stderr = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
        try process.run()
        process.waitUntilExit()
        try? stdout.close()
        try? stderr.close()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self),
            stderr: String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self))
    }
}
