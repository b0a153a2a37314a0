/// A contract check that failed: what was expected and what was found. Contract suites throw it
/// so that they run under any test framework; the test that runs the check fails with it.
public struct ContractViolation: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }

    /// Throws unless `condition` holds.
    public static func require(_ condition: Bool, _ message: @autoclosure () -> String,
                               file: String = #fileID, line: Int = #line) throws {
        if !condition { throw ContractViolation("\(file):\(line): \(message())") }
    }

    /// Throws unless `body` throws an error that `matches` accepts.
    public static func requireThrows(_ what: String, file: String = #fileID, line: Int = #line,
                                     _ body: () async throws -> Void, matches: (any Error) -> Bool) async throws {
        do {
            try await body()
        } catch {
            if matches(error) { return }
            throw ContractViolation("\(file):\(line): \(what): threw an unexpected \(error)")
        }
        throw ContractViolation("\(file):\(line): \(what): did not throw")
    }
}
