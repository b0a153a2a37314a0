import FileSafety

/// Tells a saved plan from configuration paths: one argument naming a JSON file.
enum SavedPlanDetector {
    static func planFile(_ paths: [String]) throws -> PlanFile? {
        guard paths.count == 1, let path = paths.first else { return nil }
        // Anything but a directory that is not named *.yaml or *.yml: a FIFO or a device is then
        // refused by the read (never waited on), not taken for a configuration.
        guard let kind = FileReader.resolvedKind(of: path), kind != .directory,
              !path.hasSuffix(".yaml"), !path.hasSuffix(".yml") else { return nil }
        return try PlanFile.read(from: path)
    }
}
