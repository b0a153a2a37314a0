import FileSafety
public import OrgSimulator
import YAMLSyntax

/// Reads the directory of the embedded org (orgs, profiles, users) from YAML:
///
/// ```yaml
/// orgs:
///   prod:
///     environment: production
///     profiles: [Support Agent, API Only]
///     users:
///       - {username: jane@acme.example, profile: Support Agent}
///       - {username: vcc-api@acme.example, profile: API Only, apiOnly: true, apiUserPermissionSet: true}
///       - {username: viewer@acme.example, profile: Support Agent, customizeApplication: false}
/// ```
/// Users hold "Customize Application" and "View All Custom Settings" unless the file says not.
public enum DirectorySeedFile {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func load(path: String) throws -> DirectorySeed {
        let parsed = YAMLParser.parse(try read(path))
        if let first = parsed.diagnostics.first(where: { $0.severity == .error }) {
            throw Failure(description: "\(first.location.map(\.description) ?? path): \(first.message)")
        }
        guard let root = parsed.document?.root, root.kind == .mapping, let orgs = root["orgs"], orgs.kind == .mapping else {
            throw Failure(description: "\(path): a directory file is a mapping with 'orgs'")
        }
        return DirectorySeed(orgs: try orgs.pairs.map { try org($0) })
    }

    /// Through FileSafety: a FIFO or a device is refused, and the file is at most 64 MiB.
    private static func read(_ path: String) throws -> SourceText {
        do {
            return SourceText(path: path, bytes: try FileReader.read(path, limit: .directorySeed))
        } catch {
            throw Failure(description: error.description)
        }
    }

    private static func org(_ pair: YAMLNode.Pair) throws -> OrgSeed {
        let name = try text(pair.key, "an org name")
        let body = pair.value
        guard body.kind == .mapping else { throw located(body, "org '\(name)' must be a mapping") }
        let environmentText = try text(body["environment"] ?? body, "environment")
        guard let environment = SalesforceEnvironment(rawValue: environmentText) else {
            throw located(body, "environment must be production or sandbox")
        }
        let profiles = try (body["profiles"].map { Array($0.elements) } ?? []).map { try text($0, "a profile name") }
        let users = try (body["users"].map { Array($0.elements) } ?? []).map(user)
        return OrgSeed(name: name, environment: environment, profiles: profiles, users: users)
    }

    private static func user(_ node: YAMLNode) throws -> UserSeed {
        guard node.kind == .mapping else { throw located(node, "a user is a mapping with username and profile") }
        return UserSeed(
            username: try text(node["username"] ?? node, "username"),
            profile: try text(node["profile"] ?? node, "profile"),
            isActive: try flag(node["active"], default: true),
            isApiOnly: try flag(node["apiOnly"], default: false),
            hasApiUserPermissionSet: try flag(node["apiUserPermissionSet"], default: false),
            mfaRequired: try flag(node["mfa"], default: false),
            customizeApplication: try flag(node["customizeApplication"], default: true),
            viewAllCustomSettings: try flag(node["viewAllCustomSettings"], default: true))
    }

    private static func text(_ node: YAMLNode, _ what: String) throws -> String {
        guard node.kind == .scalar, let value = node.scalar, !value.isEmpty else { throw located(node, "\(what) must be a string") }
        return value
    }

    private static func flag(_ node: YAMLNode?, default value: Bool) throws -> Bool {
        guard let node else { return value }
        if node.isScalar("true") { return true }
        if node.isScalar("false") { return false }
        throw located(node, "expected true or false")
    }

    private static func located(_ node: YAMLNode, _ message: String) -> Failure {
        Failure(description: "\(node.location): \(message)")
    }
}
