import Foundation
import OrgSimulator
import TestSupport

/// A simulator in its own temp directory, seeded with a small production org and a sandbox.
struct SimulatorFixture {
    let directory: TemporaryDirectory
    let simulator: OrgSimulator
    var path: String { directory.url.appendingPathComponent(".vccctl/org.sqlite").path }

    static let seed = DirectorySeed(orgs: [
        OrgSeed(
            name: "prod", environment: .production,
            profiles: ["System Administrator", "Support Agent", "Sales", "VCC API"],
            users: [
                UserSeed(username: "admin@acme.example", profile: "System Administrator", mfaRequired: true),
                UserSeed(username: "jane@acme.example", profile: "Support Agent"),
                UserSeed(
                    username: "vcc-api@acme.example", profile: "VCC API", isApiOnly: true,
                    hasApiUserPermissionSet: true),
                UserSeed(username: "former@acme.example", profile: "Sales", isActive: false),
            ]),
        OrgSeed(
            name: "uat", environment: .sandbox, profiles: ["System Administrator", "VCC API"],
            users: [
                UserSeed(
                    username: "vcc-api@acme.example.uat", profile: "VCC API", isApiOnly: true,
                    hasApiUserPermissionSet: true),
            ]),
    ])

    init(seeded: Bool = true) throws {
        directory = try TemporaryDirectory("orgsim")
        simulator = try OrgSimulator(path: directory.url.appendingPathComponent(".vccctl/org.sqlite").path)
        if seeded { try simulator.seed(Self.seed) }
    }

    /// A second simulator on the same file, as a later process would open it.
    func reopen() throws -> OrgSimulator {
        try OrgSimulator(path: path)
    }

    /// Every byte of every file the database consists of (main file, WAL, shared memory).
    func databaseBytes() throws -> [UInt8] {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        var bytes: [UInt8] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            bytes += try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return bytes
    }

    func remove() { directory.remove() }

    /// Ids by name in the prod org, resolved without going through the metered API.
    func ids(org: String = "prod") throws -> (org: String, profiles: [String: String], users: [String: String]) {
        let snapshot = try simulator.snapshot()
        guard let orgSnapshot = snapshot.orgs.first(where: { $0.org.name == org }) else {
            throw SimulatorError.unknownOrg(org)
        }
        return (
            orgSnapshot.org.orgId,
            Dictionary(uniqueKeysWithValues: orgSnapshot.profiles.map { ($0.name, $0.id) }),
            Dictionary(uniqueKeysWithValues: orgSnapshot.users.map { ($0.username, $0.id) })
        )
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs anywhere in these bytes.
    func contains(bytes needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { start in
            self[start..<(start + needle.count)].elementsEqual(needle)
        }
    }
}
