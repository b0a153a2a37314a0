import Foundation

/// Tells a saved plan from configuration paths: one argument naming a JSON file.
enum SavedPlanDetector {
    static func planFile(_ paths: [String]) throws -> PlanFile? {
        guard paths.count == 1, let path = paths.first else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              !path.hasSuffix(".yaml"), !path.hasSuffix(".yml") else { return nil }
        return try PlanFile.read(from: path)
    }
}
