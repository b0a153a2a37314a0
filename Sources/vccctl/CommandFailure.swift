import ArgumentParser
import Reconciler
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
            await OpenTargets.shutdownAll()
        } catch {
            let status = report(error)
            await OpenTargets.shutdownAll()
            throw ExitCode(status)
        }
    }

    /// Prints `error` (nothing for an `ExitCode`, which carries its own status) and returns the
    /// exit status it stands for.
    private static func report(_ error: any Error) -> Int32 {
        switch error {
        case let exit as ExitCode:
            return exit.rawValue
        case let lock as StateLockError:
            // The holder in the message; what it means and what to do as notes, not one long line.
            report(lock.summary, notes: lock.advice + lockNotes(lock))
        case let notFreed as StateLockNotFreed:
            // What ended the run first (what to fix), then why the lock stays and how it is freed.
            let status = notFreed.cause.map(report) ?? 1
            report(notFreed.description,
                   notes: notFreed.advice + ["to free it now: vccctl state unlock \(notFreed.lockID)"])
            return max(status, 1)
        case let failure as CommandFailure:
            report(failure.message, notes: failure.notes)
        default:
            report(String(describing: error))
        }
        return 1
    }

    /// The CLI's words for a lock error: the flag that waits longer and the command that frees.
    static func lockNotes(_ error: StateLockError) -> [String] {
        switch error {
        case .held(let holder):
            ["--lock-timeout waits longer (in seconds)",
             "if that run is gone, free its lock with: vccctl state unlock \(holder.id)"]
        case .idMismatch(_, let holder):
            ["to free the lock held now: vccctl state unlock \(holder.id)"]
        case .notLocked:
            []
        }
    }

    static func report(_ message: String, notes: [String] = []) {
        let style = Terminal.style(for: 2)
        var text = TerminalStyle.label(style, "error:") + " " + message + "\n"
        for note in notes { text += "note: " + note + "\n" }
        Terminal.write(text, to: 2)
    }
}
