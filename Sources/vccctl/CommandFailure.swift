import ArgumentParser
import Views

/// An error a command reports to the user: one `error:` line (and notes), exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var notes: [String] = []

    var description: String { message }
}

enum Failures {
    /// Runs `body`; any error is printed as `error: …` on standard error and becomes exit 1.
    /// No stack trace, no type names: what went wrong and what to do.
    static func guarded(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let exit as ExitCode {
            throw exit
        } catch let failure as CommandFailure {
            report(failure.message, notes: failure.notes)
            throw ExitCode(1)
        } catch {
            report(String(describing: error))
            throw ExitCode(1)
        }
    }

    static func report(_ message: String, notes: [String] = []) {
        let style = Terminal.style(for: 2)
        var text = TerminalStyle.label(style, "error:") + " " + message + "\n"
        for note in notes { text += "note: " + note + "\n" }
        Terminal.write(text, to: 2)
    }
}
