import Foundation

/// The checkout this test was built from, for reaching examples/ and schemas/.
public enum RepositoryRoot {
    public static func path(testFile: String = #filePath) -> String {
        var url = URL(fileURLWithPath: testFile).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.path
            }
            url = url.deletingLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath
    }
}
