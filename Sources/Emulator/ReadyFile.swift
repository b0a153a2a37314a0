import FileSafety
import Foundation

/// `--ready-file F`: one JSON object, written owner-only and atomically, refusing an existing F
/// (a stale file from an earlier run would point a waiting script at a dead server) and any
/// symbolic link in its place.
public enum ReadyFile {
    /// Fails before the server starts when something is at `path` already (a dangling link too).
    public static func checkAbsent(_ path: String) throws {
        if FileReader.kind(of: path) != nil {
            throw EmulatorError.readyFile("\(PathText.escaped(path)) already exists: remove it or name another file")
        }
    }

    public static func write(_ ready: EmulatorReady, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(ready), as: UTF8.self) + "\n"
        do {
            try PrivateFile.write(text, to: path, exclusive: true)
        } catch {
            throw EmulatorError.readyFile(error.description)
        }
    }
}
