import FileSafety
import Foundation
import Testing
import TestSupport

/// File names are bytes: those that are not UTF-8 are shown escaped, never repaired or dropped.
@Suite struct PathTextTests {
    @Test func textIsDecodedOnlyWhenItIsValidUTF8WithoutNUL() {
        #expect(PathText.decode(Array("café.yaml".utf8)) == "café.yaml")
        #expect(PathText.decode([0xFF] + Array(".yaml".utf8)) == nil)
        #expect(PathText.decode([0xC3]) == nil, "a truncated sequence")
        #expect(PathText.decode([0xED, 0xA0, 0x80]) == nil, "an encoded surrogate")
        #expect(PathText.decode([0xC0, 0xAE]) == nil, "an overlong '.'")
        #expect(PathText.decode([0x61, 0x00, 0x62]) == nil)
    }

    @Test func bytesAndControlCharactersAreEscaped() {
        #expect(PathText.escaped([0xFF] + Array(".yaml".utf8)) == "\\xff.yaml")
        #expect(PathText.escaped(Array("café".utf8) + [0xC3]) == "café\\xc3")
        #expect(PathText.escaped("a\u{1B}[31mred\n") == "a\\x1b[31mred\\x0a")
        #expect(PathText.escaped("a\u{85}b") == "a\\xc2\\x85b", "a C1 control")
        #expect(PathText.escaped("plain/path-ü.yaml") == "plain/path-ü.yaml")
    }

    @Test func aDirectoryListsANameThatIsNotUTF8AsItsBytes() throws {
        let directory = try TemporaryDirectory("vccctl-names")
        defer { directory.remove() }
        let name: [UInt8] = [0x62, 0xFF, 0x2E, 0x79, 0x61, 0x6D, 0x6C]
        let full = Array(directory.path.utf8) + [0x2F] + name
        let fd = full.withUnsafeBufferPointer { buffer in
            (Array(buffer) + [0]).withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o600) }
        }
        #expect(fd >= 0)
        close(fd)
        try directory.write("a.yaml", "")
        let entries = try DirectoryListing.entries(of: directory.path).sorted { $0.name.lexicographicallyPrecedes($1.name) }
        #expect(entries.map(\.name) == [Array("a.yaml".utf8), name])
        #expect(entries.map(\.text) == ["a.yaml", nil])
        #expect(entries[1].escaped == "b\\xff.yaml")
        #expect(entries[1].hasSuffix(".yaml"))
    }
}
