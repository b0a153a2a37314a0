import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `vccctl` with arguments given as bytes (a file name that is not UTF-8 cannot
/// pass through `Process`, whose arguments are Strings) and a deadline: a run that hangs (on a
/// FIFO) is killed and reported as timed out instead of hanging the test suite.
struct BoundedCommand {
    struct Result {
        var status: Int32
        var timedOut: Bool
        var stdout: String
        var stderr: String
        var stdoutBytes: [UInt8]
    }

    let executable = CommandRunner().executable
    var environment: [String: String] = ["USER": "hostile-tester"]

    func run(_ arguments: [String], in directory: String, timeout: Double = 30) throws -> Result {
        try run(bytes: arguments.map { Array($0.utf8) }, in: directory, timeout: timeout)
    }

    /// - Parameter rawEnvironment: `NAME=value` entries as bytes, added to the environment.
    func run(bytes arguments: [[UInt8]], in directory: String, rawEnvironment: [[UInt8]] = [],
             timeout: Double = 30) throws -> Result {
        let scratch = try TemporaryDirectory("vccctl-bounded")
        defer { scratch.remove() }
        let outPath = try scratch.write("stdout", "")
        let errPath = try scratch.write("stderr", "")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_TRUNC, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_TRUNC, 0)
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        if let home = ProcessInfo.processInfo.environment["HOME"] { env["HOME"] = home }
        env.merge(environment) { $1 }
        // posix_spawn has no portable "change directory" action: a shell changes it, then execs
        // vccctl with the argument bytes untouched.
        let shell = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory, executable].map { Array($0.utf8) }
        let argv: [UnsafeMutablePointer<CChar>?] = (shell + arguments).map(Self.cString) + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = (env.map { Array("\($0.key)=\($0.value)".utf8) } + rawEnvironment)
            .map(Self.cString) + [nil]
        defer { (argv + envp).forEach { $0?.deallocate() } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, envp)
        guard spawned == 0 else { throw CocoaError(.executableLoad) }
        let deadline = ContinuousClock.now + .seconds(timeout)
        var status: Int32 = 0
        var timedOut = false
        while waitpid(pid, &status, WNOHANG) == 0 {
            if ContinuousClock.now > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                timedOut = true
                break
            }
            usleep(10_000)
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import; a signal shows as 128 + its number.
        let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let out = Array(FileManager.default.contents(atPath: outPath) ?? Data())
        let err = FileManager.default.contents(atPath: errPath) ?? Data()
        return Result(status: exitStatus, timedOut: timedOut, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self), stdoutBytes: out)
    }

    private static func cString(_ bytes: [UInt8]) -> UnsafeMutablePointer<CChar>? {
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
        for (index, byte) in bytes.enumerated() { pointer[index] = CChar(bitPattern: byte) }
        pointer[bytes.count] = 0
        return pointer
    }
}

/// A path given as bytes, for the C calls a test makes to create a file with such a name.
func withBytePath<T>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
    (bytes.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { body($0.baseAddress!) }
}
