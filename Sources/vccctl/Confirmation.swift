import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Asks before applying: on a terminal, the user types `yes`; without one, only --auto-approve
/// (or a saved plan, reviewed already) proceeds.
enum Confirmation {
    static func require(autoApprove: Bool) throws {
        if autoApprove { return }
        guard isatty(0) == 1 else {
            throw CommandFailure(message: "apply needs confirmation, and there is no terminal to ask on",
                                 notes: ["pass --auto-approve, or apply a reviewed plan file: vccctl plan --out FILE; vccctl apply FILE"])
        }
        Terminal.write("\nDo you want to perform these actions? Only 'yes' will be accepted.\n  Enter a value: ")
        guard readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else {
            throw CommandFailure(message: "apply cancelled")
        }
    }
}
