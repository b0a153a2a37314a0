import FileSafety
import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Files vccctl creates or replaces: never through a link, never over a device or a FIFO, with
/// their mode from the start, and the mode of a file it did not create never changed.
/// Absolute paths only here (tests share the process's current directory); the rules for the
/// directories of relative paths are tested end to end in HostileFileTests.
@Suite struct FileCreatorTests {
    static func permissions(_ path: String) -> mode_t? { SpecialFiles.mode(path).map { $0 & 0o7777 } }

    @Test func replaceWritesANewOwnerOnlyFileAndLeavesAHardLinkedOriginalAlone() throws {
        let directory = try TemporaryDirectory("vccctl-create")
        defer { directory.remove() }
        let plan = try directory.write("plan.json", "old")
        _ = chmod(plan, 0o644)
        // Another name for the same inode: replacing must not write through it.
        let other = directory.path + "/other-users-file"
        #expect(link(plan, other) == 0)
        try FileCreator.replace(plan, bytes: Array("new".utf8))
        #expect(try String(contentsOfFile: plan, encoding: .utf8) == "new")
        #expect(try String(contentsOfFile: other, encoding: .utf8) == "old")
        #expect(Self.permissions(plan) == 0o600)
        #expect(Self.permissions(other) == 0o644)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["other-users-file", "plan.json"],
                "no temporary file left behind")
    }

    @Test func replaceRefusesALinkAndLeavesItAndItsTargetAlone() throws {
        let directory = try TemporaryDirectory("vccctl-create")
        defer { directory.remove() }
        let target = try directory.write("target", "precious")
        let link = directory.path + "/plan.json"
        #expect(SpecialFiles.makeSymbolicLink(link, to: target))
        #expect(throws: FileAccessError(path: link, action: .replace, problem: .symbolicLink)) {
            try FileCreator.replace(link, bytes: Array("plan".utf8))
        }
        #expect(SpecialFiles.isSymbolicLink(link))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious")
        let dangling = directory.path + "/dangling.json"
        #expect(SpecialFiles.makeSymbolicLink(dangling, to: directory.path + "/created-through-link"))
        #expect(throws: FileAccessError.self) { try FileCreator.replace(dangling, bytes: [1]) }
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/created-through-link"))
    }

    @Test(.enabled(if: SpecialFiles.canMakeDevices, "mknod needs root"))
    func replaceRefusesADeviceAndItStaysADevice() throws {
        let directory = try TemporaryDirectory("vccctl-create")
        defer { directory.remove() }
        let full = directory.path + "/full"
        #expect(SpecialFiles.makeCharacterDevice(full, major: 1, minor: 7))
        #expect(throws: FileAccessError(path: full, action: .replace, problem: .notRegular(.characterDevice))) {
            try FileCreator.replace(full, bytes: Array("plan".utf8))
        }
        #expect(SpecialFiles.isCharacterDevice(full))
        #expect(Self.permissions(full) == 0o666 & ~Self.umask())
    }

    @Test func replaceRefusesAFIFOAndADirectory() throws {
        let directory = try TemporaryDirectory("vccctl-create")
        defer { directory.remove() }
        let fifo = directory.path + "/fifo"
        #expect(SpecialFiles.makeFIFO(fifo))
        #expect(throws: FileAccessError(path: fifo, action: .replace, problem: .notRegular(.fifo))) {
            try FileCreator.replace(fifo, bytes: [1])
        }
        #expect(throws: FileAccessError(path: directory.path, action: .replace, problem: .notRegular(.directory))) {
            try FileCreator.replace(directory.path, bytes: [1])
        }
    }

    @Test func createExclusiveRefusesWhateverIsThereAndCreatesOwnerOnly() throws {
        let directory = try TemporaryDirectory("vccctl-create")
        defer { directory.remove() }
        let dangling = directory.path + "/ready.json"
        let elsewhere = directory.path + "/elsewhere"
        #expect(SpecialFiles.makeSymbolicLink(dangling, to: elsewhere))
        #expect(throws: FileAccessError(path: dangling, action: .create, problem: .symbolicLink)) {
            try FileCreator.createExclusive(dangling, bytes: [1], atomically: true)
        }
        #expect(!FileManager.default.fileExists(atPath: elsewhere))
        let existing = try directory.write("existing", "x")
        #expect(throws: FileAccessError(path: existing, action: .create, problem: .exists)) {
            try FileCreator.createExclusive(existing, bytes: [1])
        }
        let fresh = directory.path + "/new/dir/key.pem"
        try FileCreator.createExclusive(fresh, bytes: Array("key".utf8), mode: 0o600)
        #expect(Self.permissions(fresh) == 0o600)
        #expect(Self.permissions(directory.path + "/new") == 0o700)
        #expect(Self.permissions(directory.path + "/new/dir") == 0o700)
        #expect(try String(contentsOfFile: fresh, encoding: .utf8) == "key")
    }

    @Test func prepareDatabaseCreatesOwnerOnlyAndNeverChangesAnExistingFilesMode() throws {
        let directory = try TemporaryDirectory("vccctl-create")
        defer { directory.remove() }
        let path = directory.path + "/ws/state.sqlite"
        #expect(try FileCreator.prepareDatabase(path, create: false) == false)
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/ws"), "a read creates nothing")
        #expect(try FileCreator.prepareDatabase(path, create: true))
        #expect(Self.permissions(path) == 0o600)
        #expect(Self.permissions(directory.path + "/ws") == 0o700)
        _ = chmod(path, 0o644)
        #expect(try FileCreator.prepareDatabase(path, create: true))
        #expect(try FileCreator.prepareDatabase(path, create: false))
        #expect(Self.permissions(path) == 0o644, "not vccctl's to change")
    }

    @Test func prepareDatabaseRefusesLinksFIFOsAndLinkedSiblings() throws {
        let directory = try TemporaryDirectory("vccctl-create")
        defer { directory.remove() }
        let dangling = directory.path + "/org.sqlite"
        #expect(SpecialFiles.makeSymbolicLink(dangling, to: directory.path + "/made-elsewhere.sqlite"))
        for create in [true, false] {
            #expect(throws: FileAccessError.self) { try FileCreator.prepareDatabase(dangling, create: create) }
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/made-elsewhere.sqlite"))
        let fifo = directory.path + "/fifo.sqlite"
        #expect(SpecialFiles.makeFIFO(fifo))
        #expect(throws: FileAccessError(path: fifo, action: .open, problem: .notRegular(.fifo))) {
            try FileCreator.prepareDatabase(fifo, create: false)
        }
        let state = try directory.write("state.sqlite", "")
        let victim = try directory.write("victim", "keep")
        #expect(SpecialFiles.makeSymbolicLink(state + "-wal", to: victim))
        #expect(throws: FileAccessError(path: state + "-wal", action: .open, problem: .symbolicLink)) {
            try FileCreator.prepareDatabase(state, create: false)
        }
    }

    @Test(.enabled(if: SpecialFiles.canMakeDevices, "mknod needs root"))
    func prepareDatabaseRefusesADeviceAndLeavesItsModeAlone() throws {
        let directory = try TemporaryDirectory("vccctl-create")
        defer { directory.remove() }
        let null = directory.path + "/null"
        #expect(SpecialFiles.makeCharacterDevice(null, major: 1, minor: 3))
        _ = chmod(null, 0o666)
        #expect(throws: FileAccessError(path: null, action: .open, problem: .notRegular(.characterDevice))) {
            try FileCreator.prepareDatabase(null, create: false)
        }
        #expect(SpecialFiles.isCharacterDevice(null))
        #expect(Self.permissions(null) == 0o666)
    }

    @Test func createDirectoryMakesMissingOnesOwnerOnlyAndAcceptsAnExistingOne() throws {
        let directory = try TemporaryDirectory("vccctl-create")
        defer { directory.remove() }
        try FileCreator.createDirectory(directory.path + "/a/b")
        #expect(Self.permissions(directory.path + "/a/b") == 0o700)
        _ = chmod(directory.path + "/a/b", 0o755)
        try FileCreator.createDirectory(directory.path + "/a/b")
        #expect(Self.permissions(directory.path + "/a/b") == 0o755)
        let file = try directory.write("file", "")
        #expect(throws: FileAccessError.self) { try FileCreator.createDirectory(file) }
    }

    static func umask() -> mode_t {
        let current = Glibc.umask(0)
        _ = Glibc.umask(current)
        return current
    }
}
