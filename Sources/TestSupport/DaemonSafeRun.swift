import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program that may leave a daemon behind (`pg_ctl start`) and waits for the program
/// itself, not for its daemon.
///
/// Foundation's `Process` cannot do this on Linux: it learns that a child ended when a socket
/// the child inherits is closed, and a daemon the child forks inherits that socket too, so
/// `waitUntilExit` waits for as long as the server runs. Here the child is spawned directly,
/// closes every descriptor beyond the standard three before it execs (so the daemon holds
/// nothing of this process's, not even another test's child's socket), and is reaped by pid.
enum DaemonSafeRun {
    /// Runs `command` (in the C locale) and throws, with the end of its output, unless it exits 0.
    /// `what` names it in the error.
    static func check(_ command: [String], in directory: String, environment: [String: String], what: String) throws {
        var environment = environment
        environment["LC_ALL"] = "C"
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("pgcluster-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: output) }
        let status = try run(command, in: directory, environment: environment, log: output.path)
        guard status == 0 else {
            let log = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            throw ClusterError("\(what) failed (\(status)): \(log.suffix(2000))")
        }
    }

    /// Runs `command` in `directory` with stdin from /dev/null and stdout and stderr into `log`;
    /// returns the exit status (128+n for a signal).
    private static func run(_ command: [String], in directory: String, environment: [String: String], log: String) throws -> Int32 {
        let script = #"dir=$1; log=$2; shift 2; for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; cd "$dir" && exec "$@" >"$log" 2>&1 </dev/null"#
        let arguments = ["/bin/bash", "-c", script, "run", directory, log] + command
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/bin/bash", nil, nil, argv, envp)
        guard spawned == 0 else {
            throw ClusterError("cannot start \(command.first ?? "?"): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw ClusterError("waitpid: \(String(cString: strerror(errno)))") }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Glibc's macros do not bring to Swift.
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
