/// One named check of a contract suite, run against a fresh subject (a store, a target).
/// Named, so that a parameterized test lists each check by what it checks.
public struct ContractCheck<Subject: Sendable>: Sendable, CustomStringConvertible {
    public var description: String
    let body: @Sendable (Subject) async throws -> Void

    public init(description: String, body: @escaping @Sendable (Subject) async throws -> Void) {
        self.description = description
        self.body = body
    }

    public func run(_ subject: Subject) async throws { try await body(subject) }
}
