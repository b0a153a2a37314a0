import Foundation
import Reconciler

/// A saved plan: the plan and the configuration paths it was made from. JSON, mode 0600, no token.
struct PlanFile: Codable {
    static let formatVersion = 1

    var formatVersion: Int
    var configPaths: [String]
    var plan: Plan

    init(configPaths: [String], plan: Plan) {
        formatVersion = Self.formatVersion
        self.configPaths = configPaths
        self.plan = plan
    }

    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let data = try encoder.encode(self)
        // Written next to its final name and renamed: a crash never leaves half a plan.
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure(message: "cannot write the plan file \(path)")
        }
        if rename(temporary, path) != 0 {
            unlink(temporary)
            throw CommandFailure(message: "cannot write the plan file \(path): \(String(cString: strerror(errno)))")
        }
    }

    static func read(from path: String) throws -> PlanFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(message: "cannot read the plan file \(path)")
        }
        do {
            let file = try JSONDecoder().decode(PlanFile.self, from: data)
            guard file.formatVersion <= formatVersion else {
                throw CommandFailure(message: "the plan file \(path) has format version \(file.formatVersion); this vccctl reads \(formatVersion)")
            }
            return file
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: "\(path) is not a vccctl plan file", notes: ["make one with 'vccctl plan --out FILE'"])
        }
    }
}
