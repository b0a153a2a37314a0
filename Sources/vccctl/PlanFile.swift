import FileSafety
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

    /// The file's bytes: sorted, indented JSON.
    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return Array(try encoder.encode(self))
    }

    /// Writes the plan to `path` through FileSafety: a new file (mode 0600) renamed into place, so
    /// a crash never leaves half a plan; only a regular file is replaced (a symbolic link, a
    /// device or a FIFO at `path` is refused), and no link under the current directory is followed.
    func write(to path: String) throws {
        do {
            try FileCreator.replace(path, bytes: try encoded(), mode: 0o600)
        } catch let error as FileAccessError {
            throw CommandFailure(message: "cannot write the plan file: " + error.summary, notes: [error.advice])
        }
    }

    /// Reads a saved plan through FileSafety: a regular file of at most 512 MiB.
    static func read(from path: String) throws -> PlanFile {
        let data: Data
        do {
            data = Data(try FileReader.read(path, limit: .savedPlan))
        } catch {
            throw CommandFailure(message: "cannot read the plan file: " + error.summary, notes: [error.advice])
        }
        let shown = PathText.escaped(path)
        do {
            let file = try JSONDecoder().decode(PlanFile.self, from: data)
            guard file.formatVersion <= formatVersion else {
                throw CommandFailure(message: "the plan file \(shown) has format version \(file.formatVersion); this vccctl reads \(formatVersion)")
            }
            return file
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: "\(shown) is not a vccctl plan file", notes: ["make one with 'vccctl plan --out FILE'"])
        }
    }
}
