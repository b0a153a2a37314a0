import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The state on a filesystem that fills up during an apply (a small tmpfs, mounted by the test:
/// root only). The apply fails with the storage error, and says that and why its lock stays held
/// (freeing it is a write too); the next run, once there is room, takes the lock over, marks the
/// apply interrupted and converges.
@Suite(.serialized, .enabled(if: geteuid() == 0, "mounting a small tmpfs needs root"))
struct HostileFullDiskTests {
    static let users = 3000

    /// A tmpfs of `kilobytes`, mounted on a new directory; nil when this machine refuses mounts.
    final class SmallFilesystem {
        let path: String
        private let scratch: TemporaryDirectory

        init?(kilobytes: Int) throws {
            scratch = try TemporaryDirectory("vccctl-full")
            path = scratch.path + "/mnt"
            mkdir(path, 0o700)
            guard Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0700", "tmpfs", path]) else { return nil }
        }

        func resize(kilobytes: Int) -> Bool {
            Self.run("/bin/mount", ["-o", "remount,size=\(kilobytes)k", path])
        }

        deinit {
            _ = Self.run("/bin/umount", [path])
            scratch.remove()
        }

        static func run(_ tool: String, _ arguments: [String]) -> Bool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return false }
            process.waitUntilExit()
            return process.terminationStatus == 0
        }
    }

    @Test func anApplyThatFillsTheDiskSaysWhyItsLockStaysAndTheNextRunTakesItOver() throws {
        let workspace = try LargeConfiguration.workspace(users: Self.users)
        defer { workspace.remove() }
        guard let disk = try SmallFilesystem(kilobytes: 640) else {
            Issue.record("mount -t tmpfs failed although running as root")
            return
        }
        let state = ["--state", disk.path + "/state.sqlite"]
        let apply = try workspace.run(["apply", "--auto-approve", "--lock-timeout", "0", "vccctl.yaml"] + state)
        #expect(apply.status == 1, "the state fit: \(apply.stdout.suffix(500))\n\(apply.stderr)")
        #expect(!apply.stderr.contains("Fatal error"), "\(apply.stderr)")
        #expect(apply.stderr.contains("full"), "the error should say the disk is full: \(apply.stderr)")
        // Freeing the lock is a write too. SQLite usually still has room for it (the failed
        // transaction's WAL frames are reused); when it has not, the run says so, never silently.
        let held = try workspace.heldLockID(extra: state)
        if held != nil {
            #expect(apply.stderr.contains("the state lock \(held ?? "") could not be freed"), "\(apply.stderr)")
            #expect(apply.stderr.contains("The next run on this host takes the lock over once this process has ended"), "\(apply.stderr)")
        } else {
            #expect(try workspace.history(limit: 1, extra: state).first?.status == "failed")
        }
        print("HostileFullDiskTests: lock \(held == nil ? "freed" : "left held, reported"); "
              + "\(apply.stdout.split(separator: "\n").count { $0.hasSuffix(": done") }) changes landed before the disk was full")

        #expect(disk.resize(kilobytes: 64 * 1024))
        let rerun = try workspace.expect(["apply", "--auto-approve", "--lock-timeout", "0", "vccctl.yaml"] + state, status: 0)
        #expect(held == nil || rerun.stderr.contains("took over the state lock \(held ?? "")"), "\(rerun.stderr)")
        try workspace.expect(["plan", "--detailed-exitcode", "vccctl.yaml"] + state, status: 0)
        let history = try EndToEndWorkspace.history(
            json: try workspace.expect(["state", "history", "--format", "json"] + state, status: 0).stdout)
        #expect(history.first?.status == "succeeded")
        #expect(!history.contains { $0.status == "running" }, "\(history)")
        #expect(history.contains { $0.status == "interrupted" || $0.status == "failed" }, "\(history)")
    }
}
