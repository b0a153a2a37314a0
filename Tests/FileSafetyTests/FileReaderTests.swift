import FileSafety
import Foundation
import Testing
import TestSupport

/// Every file vccctl reads goes through FileReader: these are the reads that hung, trapped or
/// filled memory before it (a FIFO, a device, an endless file), and the limits.
@Suite struct FileReaderTests {
    static let small = ReadLimit(kind: "test file", maxBytes: 1000)

    @Test func aRegularFileIsReadWhole() throws {
        let directory = try TemporaryDirectory("vccctl-read")
        defer { directory.remove() }
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let path = try directory.write("data", bytes: bytes)
        #expect(try FileReader.read(path, limit: .configuration) == bytes)
        #expect(try FileReader.read(try directory.write("empty", ""), limit: Self.small) == [])
    }

    @Test func aFIFOIsRefusedAtOnceInsteadOfWaitedOn() throws {
        let directory = try TemporaryDirectory("vccctl-read")
        defer { directory.remove() }
        let fifo = directory.path + "/config.yaml"
        #expect(SpecialFiles.makeFIFO(fifo))
        let error = #expect(throws: FileAccessError.self) { try FileReader.read(fifo, limit: .configuration) }
        #expect(error?.problem == .notRegular(.fifo))
        #expect(error?.summary == "cannot read '\(fifo)': it is a FIFO (named pipe), not a regular file")
    }

    @Test(.enabled(if: SpecialFiles.canMakeDevices, "mknod needs root"))
    func aDeviceIsRefusedBeforeAByteIsRead() throws {
        let directory = try TemporaryDirectory("vccctl-read")
        defer { directory.remove() }
        let zero = directory.path + "/zero"
        #expect(SpecialFiles.makeCharacterDevice(zero, major: 1, minor: 5))
        let error = #expect(throws: FileAccessError.self) { try FileReader.read(zero, limit: .directorySeed) }
        #expect(error?.problem == .notRegular(.characterDevice))
        // Through a link, too: the type is checked on the open descriptor.
        let link = directory.path + "/seed.yaml"
        #expect(SpecialFiles.makeSymbolicLink(link, to: zero))
        #expect(throws: FileAccessError(path: link, action: .read, problem: .notRegular(.characterDevice))) {
            try FileReader.read(link, limit: .directorySeed)
        }
    }

    @Test func aFileOverItsLimitIsRefusedAndOneAtTheLimitIsRead() throws {
        let directory = try TemporaryDirectory("vccctl-read")
        defer { directory.remove() }
        let atLimit = try directory.write("at", bytes: [UInt8](repeating: 0x61, count: 1000))
        let over = try directory.write("over", bytes: [UInt8](repeating: 0x61, count: 1001))
        #expect(try FileReader.read(atLimit, limit: Self.small).count == 1000)
        let error = #expect(throws: FileAccessError.self) { try FileReader.read(over, limit: Self.small) }
        #expect(error?.problem == .tooLarge(Self.small))
        #expect(error?.reason == "it is larger than 1000 bytes, the limit for a test file")
        #expect(ReadLimit.connection.sizeText == "1 MiB" && ReadLimit.privateFile.sizeText == "64 KiB")
    }

    @Test func aLinkIsNotFollowedWhenTheCallerSaysSo() throws {
        let directory = try TemporaryDirectory("vccctl-read")
        defer { directory.remove() }
        let target = try directory.write("target", "secret")
        let link = directory.path + "/key.pem"
        #expect(SpecialFiles.makeSymbolicLink(link, to: target))
        #expect(try FileReader.read(link, limit: Self.small) == Array("secret".utf8))
        #expect(throws: FileAccessError(path: link, action: .read, problem: .symbolicLink)) {
            try FileReader.read(link, limit: Self.small, followSymbolicLinks: false)
        }
    }

    @Test func aMissingFileAndABadPathSayWhat() throws {
        let directory = try TemporaryDirectory("vccctl-read")
        defer { directory.remove() }
        let missing = directory.path + "/missing"
        #expect(throws: FileAccessError(path: missing, action: .read, problem: .missing)) {
            try FileReader.read(missing, limit: Self.small)
        }
        #expect(try FileReader.readIfPresent(missing, limit: Self.small) == nil)
        #expect(throws: FileAccessError(path: "a\0b", action: .read, problem: .invalidPath)) {
            try FileReader.read("a\0b", limit: Self.small)
        }
        let error = #expect(throws: FileAccessError.self) { try FileReader.read(directory.path, limit: Self.small) }
        #expect(error?.problem == .notRegular(.directory))
    }
}
