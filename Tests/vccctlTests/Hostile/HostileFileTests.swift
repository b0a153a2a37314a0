import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Issue 10, items 2, 7 and 10, each as the attack that worked before its fix: files vccctl was
/// pointed at got changed (a device's mode, a link's target, a device replaced), a file name
/// that is not UTF-8 was skipped or rewritten, a FIFO hung a command and a device filled memory.
/// Device nodes, FIFOs and links are made in each test's private directory; never in /dev.
@Suite struct HostileFileTests {
    let runner = BoundedCommand(environment: ["USER": "hostile-tester"].merging(Canaries().environment) { $1 })

    /// A quickstart workspace (seeded embedded org) as a directory of its own.
    static func workspace() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory("vccctl-hostile")
        let source = RepositoryRoot.path() + "/examples/quickstart"
        try FileManager.default.copyItem(atPath: source + "/vccctl.yaml", toPath: directory.path + "/vccctl.yaml")
        try FileManager.default.copyItem(atPath: source + "/sim", toPath: directory.path + "/sim")
        return directory
    }

    func seeded() throws -> TemporaryDirectory {
        let directory = try Self.workspace()
        let seed = try runner.run(["sim", "seed", "sim/directory.yaml"], in: directory.path)
        #expect(seed.status == 0, "sim seed: \(seed.stderr)")
        return directory
    }

    // MARK: - Item 2: files it is pointed at get changed

    @Test(.enabled(if: SpecialFiles.canMakeDevices, "mknod needs root"))
    func stateListLeavesADeviceAndALinkToOneAsTheyWere() throws {
        let directory = try TemporaryDirectory("vccctl-hostile")
        defer { directory.remove() }
        let null = directory.path + "/null"
        #expect(SpecialFiles.makeCharacterDevice(null, major: 1, minor: 3))
        _ = chmod(null, 0o666)
        #expect(SpecialFiles.makeSymbolicLink(directory.path + "/state.sqlite", to: null))
        for state in ["null", "state.sqlite"] {
            let result = try runner.run(["state", "list", "--state", state], in: directory.path)
            #expect(result.status == 1, "\(state): \(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains("cannot use \(state) as the state file"), "\(result.stderr)")
            #expect(SpecialFiles.isCharacterDevice(null))
            #expect(SpecialFiles.mode(null).map { $0 & 0o7777 } == 0o666, "the device's mode is not vccctl's to change")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/null-wal"))
    }

    @Test func aStateFileVccctlDidNotCreateKeepsItsMode() throws {
        let directory = try seeded()
        defer { directory.remove() }
        let applied = try runner.run(["apply", "--auto-approve", "vccctl.yaml"], in: directory.path)
        // 3: the quickstart's links wait for consent; everything else landed.
        #expect([0, 3].contains(applied.status), "\(applied.stderr)")
        let state = directory.path + "/.vccctl/state.sqlite"
        #expect(SpecialFiles.mode(state).map { $0 & 0o7777 } == 0o600, "created owner-only")
        _ = chmod(state, 0o640)
        let listed = try runner.run(["state", "list"], in: directory.path)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(SpecialFiles.mode(state).map { $0 & 0o7777 } == 0o640)
    }

    @Test func aDanglingOrgLinkIsNotFollowedToCreateADatabase() throws {
        let directory = try Self.workspace()
        defer { directory.remove() }
        let elsewhere = try TemporaryDirectory("vccctl-elsewhere")
        defer { elsewhere.remove() }
        try FileManager.default.createDirectory(atPath: directory.path + "/.vccctl", withIntermediateDirectories: false)
        #expect(SpecialFiles.makeSymbolicLink(directory.path + "/.vccctl/org.sqlite", to: elsewhere.path + "/org.sqlite"))
        for arguments in [["sim", "seed", "sim/directory.yaml"], ["plan", "vccctl.yaml"]] {
            let result = try runner.run(arguments, in: directory.path)
            #expect(result.status == 1, "\(arguments): \(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains("'.vccctl/org.sqlite': it is a symbolic link"), "\(arguments): \(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty, "nothing created through the link")
    }

    @Test func aWorkspaceThatIsALinkIsNotWrittenThrough() throws {
        let directory = try Self.workspace()
        defer { directory.remove() }
        let elsewhere = try TemporaryDirectory("vccctl-elsewhere")
        defer { elsewhere.remove() }
        #expect(SpecialFiles.makeSymbolicLink(directory.path + "/.vccctl", to: elsewhere.path))
        let seed = try runner.run(["sim", "seed", "sim/directory.yaml"], in: directory.path)
        #expect(seed.status == 1, "\(seed.stdout)")
        #expect(seed.stderr.contains("'.vccctl' is a symbolic link"), "\(seed.stderr)")
        let state = try runner.run(["state", "list"], in: directory.path)
        #expect(state.status == 1, "a read through the link would let SQLite create its -wal there: \(state.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    @Test(.enabled(if: SpecialFiles.canMakeDevices, "mknod needs root"))
    func planOutRefusesADeviceAndStaysOne() throws {
        let directory = try seeded()
        defer { directory.remove() }
        let full = directory.path + "/full"
        #expect(SpecialFiles.makeCharacterDevice(full, major: 1, minor: 7))
        let result = try runner.run(["plan", "vccctl.yaml", "--out", "full"], in: directory.path)
        #expect(result.status == 1, "reported success: \(result.stdout)")
        #expect(result.stderr.contains("cannot write the plan file: cannot replace 'full': it is a character device, not a regular file"),
                "\(result.stderr)")
        #expect(SpecialFiles.isCharacterDevice(full))
    }

    @Test func planOutRefusesALinkAFIFOAndALinkedDirectory() throws {
        let directory = try seeded()
        defer { directory.remove() }
        let elsewhere = try TemporaryDirectory("vccctl-elsewhere")
        defer { elsewhere.remove() }
        let target = try elsewhere.write("precious", "keep me")
        #expect(SpecialFiles.makeSymbolicLink(directory.path + "/plan.json", to: target))
        #expect(SpecialFiles.makeFIFO(directory.path + "/fifo.json"))
        #expect(SpecialFiles.makeSymbolicLink(directory.path + "/plans", to: elsewhere.path))
        for (out, expected) in [("plan.json", "it is a symbolic link"), ("fifo.json", "it is a FIFO (named pipe), not a regular file"),
                                ("plans/plan.json", "'plans' is a symbolic link")] {
            let result = try runner.run(["plan", "vccctl.yaml", "--out", out], in: directory.path)
            #expect(result.status == 1, "\(out): reported success")
            #expect(!result.timedOut)
            #expect(result.stderr.contains(expected), "\(out): \(result.stderr)")
        }
        #expect(SpecialFiles.isSymbolicLink(directory.path + "/plan.json"))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == ["precious"])
        // A regular file is replaced, owner-only, and applies.
        let saved = try runner.run(["plan", "vccctl.yaml", "--out", "saved.json"], in: directory.path)
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(SpecialFiles.mode(directory.path + "/saved.json").map { $0 & 0o7777 } == 0o600)
        #expect(try runner.run(["show", "saved.json"], in: directory.path).status == 0)
    }

    @Test func planOutDashWritesThePlanFileAloneToStandardOutput() throws {
        let directory = try seeded()
        defer { directory.remove() }
        let result = try runner.run(["plan", "vccctl.yaml", "--out", "-"], in: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/-"), "no file named '-'")
        let document = try JSONSerialization.jsonObject(with: Data(result.stdoutBytes)) as? [String: Any]
        #expect(document?["formatVersion"] as? Int == 1, "stdout is one plan file: \(result.stdout.prefix(300))")
        #expect(result.stderr.contains("Plan:"), "the plan as text goes to standard error: \(result.stderr.prefix(600))")
        // What went to standard output is a plan file vccctl reads back.
        try Data(result.stdoutBytes).write(to: URL(fileURLWithPath: directory.path + "/piped.json"))
        let applied = try runner.run(["apply", "piped.json"], in: directory.path)
        #expect([0, 3].contains(applied.status), "3: the links wait for consent. \(applied.stderr)")
    }

    // MARK: - Item 7: names that are not UTF-8

    @Test func aConfigurationFileWhoseNameIsNotUTF8IsAnErrorNotSkipped() throws {
        let directory = try TemporaryDirectory("vccctl-hostile")
        defer { directory.remove() }
        try directory.write("config/a.yaml", "version: 1\norgs: {prod: {environment: production}}\n")
        try directory.write("config/c.yaml", "version: 1\n")
        let name = Array((directory.path + "/config/b").utf8) + [0xFF] + Array(".yaml".utf8)
        let fd = withBytePath(name) { open($0, O_CREAT | O_WRONLY, 0o600) }
        #expect(fd >= 0)
        close(fd)
        for command in [["validate", "config"], ["plan", "config"]] {
            let result = try runner.run(command, in: directory.path)
            #expect(result.status == 1, "\(command): \(result.stdout)")
            #expect((result.stdout + result.stderr).contains("the file name 'config/b\\xff.yaml' is not valid UTF-8"),
                    "\(command): \(result.stdout) \(result.stderr)")
        }
    }

    @Test func anArgumentThatIsNotUTF8IsAUsageErrorAndNothingIsWritten() throws {
        let directory = try seeded()
        defer { directory.remove() }
        let before = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        let bad: [UInt8] = Array("s".utf8) + [0xFF, 0xFE] + Array(".sqlite".utf8)
        for arguments: [[UInt8]] in [
            [Array("state".utf8), Array("list".utf8), Array("--state".utf8), bad],
            [Array("plan".utf8), Array("vccctl.yaml".utf8), Array("--out".utf8), bad],
            [Array("validate".utf8), bad],
        ] {
            let result = try runner.run(bytes: arguments, in: directory.path)
            #expect(result.status == 64, "\(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains("('s\\xff\\xfe.sqlite') is not valid UTF-8"), "\(result.stderr)")
        }
        // The same bytes in a variable that names a path: an error (exit 1), not a repaired name.
        let variable = try runner.run(bytes: [Array("state".utf8), Array("list".utf8)], in: directory.path,
                                      rawEnvironment: [Array("VCCCTL_STATE=".utf8) + bad])
        #expect(variable.status == 1, "\(variable.stdout) \(variable.stderr)")
        #expect(variable.stderr.contains("VCCCTL_STATE ('s\\xff\\xfe.sqlite') is not valid UTF-8"), "\(variable.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == before,
                "no file under a repaired name (s\u{FFFD}\u{FFFD}.sqlite)")
    }

    // MARK: - Item 10: hangs and traps

    @Test func aFIFOAnywhereIsRefusedAtOnce() throws {
        let directory = try seeded()
        defer { directory.remove() }
        // A FIFO named like a configuration file, one in a configuration directory, and one
        // named like a plan or connection file; the workspace's own vccctl.yaml is fine.
        try FileManager.default.createDirectory(atPath: directory.path + "/config", withIntermediateDirectories: false)
        try FileManager.default.copyItem(atPath: directory.path + "/vccctl.yaml", toPath: directory.path + "/config/vccctl.yaml")
        #expect(SpecialFiles.makeFIFO(directory.path + "/config/more.yaml"))
        #expect(SpecialFiles.makeFIFO(directory.path + "/fifo.yaml"))
        #expect(SpecialFiles.makeFIFO(directory.path + "/fifo"))
        for arguments in [["validate", "fifo.yaml"], ["validate", "config"], ["plan", "fifo.yaml"], ["plan", "config"],
                          ["apply", "fifo"], ["show", "fifo"], ["sim", "seed", "fifo"],
                          ["validate", "--connection", "fifo", "vccctl.yaml"], ["plan", "vccctl.yaml", "--connection", "fifo"]] {
            let result = try runner.run(arguments, in: directory.path, timeout: 20)
            #expect(!result.timedOut, "\(arguments) hung on a FIFO")
            #expect(result.status == 1, "\(arguments): \(result.stdout) \(result.stderr)")
            #expect((result.stdout + result.stderr).contains("is a FIFO (named pipe), not a regular file"),
                    "\(arguments): \(result.stdout) \(result.stderr)")
        }
    }

    @Test(.enabled(if: SpecialFiles.canMakeDevices, "mknod needs root"))
    func anEndlessDeviceIsRefusedBeforeAByteIsRead() throws {
        let directory = try seeded()
        defer { directory.remove() }
        #expect(SpecialFiles.makeCharacterDevice(directory.path + "/zero", major: 1, minor: 5))
        for arguments in [["sim", "seed", "zero"], ["apply", "zero"], ["validate", "--connection", "zero", "vccctl.yaml"]] {
            let result = try runner.run(arguments, in: directory.path, timeout: 20)
            #expect(!result.timedOut && result.status == 1, "\(arguments): \(result.status) \(result.stderr)")
            #expect((result.stdout + result.stderr).contains("is a character device, not a regular file"),
                    "\(arguments): \(result.stdout) \(result.stderr)")
        }
    }

    @Test func aFileOverItsLimitIsRefusedUnread() throws {
        let directory = try seeded()
        defer { directory.remove() }
        // Sparse: 64 MiB and one byte on disk costs nothing, and vccctl must not read it.
        let path = directory.path + "/huge.bin"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, (64 << 20) + 1) == 0)
        let seed = try runner.run(["sim", "seed", "huge.bin"], in: directory.path)
        #expect(seed.status == 1)
        #expect(seed.stderr.contains("it is larger than 64 MiB, the limit for a directory file"), "\(seed.stderr)")
        let connection = try runner.run(["validate", "--connection", "huge.bin", "vccctl.yaml"], in: directory.path)
        #expect(connection.status == 1)
        #expect(connection.stdout.contains("larger than 1 MiB, the limit for a connection file"), "\(connection.stdout)")
    }
}
