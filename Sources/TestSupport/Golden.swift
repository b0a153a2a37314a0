import Foundation

/// Golden files: expected output kept next to the tests, rewritten with `UPDATE_GOLDEN=1`.
public enum Golden {
    public static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    /// Compares `actual` with the golden file `name` in the `Golden/` folder beside `testFile`;
    /// returns a description of the difference, or nil when equal (or just rewritten).
    public static func check(_ actual: String, named name: String, testFile: String = #filePath) -> String? {
        let folder = URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("Golden")
        return check(actual, at: folder.appendingPathComponent(name).path)
    }

    /// Compares `actual` with the file at `path` (rewritten when updating).
    public static func check(_ actual: String, at path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        if updating {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(actual.utf8).write(to: url)
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return "golden file \(path) is missing; run the tests with UPDATE_GOLDEN=1 to create it"
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != actual else { return nil }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
        let want = line < e.count ? String(e[line]) : "<end>"
        let got = line < a.count ? String(a[line]) : "<end>"
        return "\(path) differs at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)\n(UPDATE_GOLDEN=1 rewrites it)"
    }
}
