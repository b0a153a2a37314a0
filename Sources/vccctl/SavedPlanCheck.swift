import Foundation
import Reconciler
import VCCModel

/// Checks a saved plan against the world as it is now: state, configuration, org, tokens.
enum SavedPlanCheck {
    /// What a saved plan needs before the state lock is taken: its configuration, read from the
    /// paths it was made from, and the remote ports. A plan file applied from the wrong directory
    /// fails here, naming the file and where it looked, and leaves no state file behind.
    static func prepare(_ file: PlanFile, path: String, context: CommandContext) throws -> DesiredState {
        let desired: DesiredState
        do {
            desired = try ConfigurationInput.load(file.configPaths).desired
        } catch let failure as CommandFailure {
            let paths = file.configPaths.isEmpty ? ["."] : file.configPaths
            throw CommandFailure(
                message: "cannot apply the plan file \(path): \(failure.message)",
                notes: ["it was made from the configuration at \(paths.map { "'\($0)'" }.joined(separator: ", ")), "
                        + "read relative to the current directory \(FileManager.default.currentDirectoryPath)",
                        "apply it from the directory where 'vccctl plan --out' made it"] + failure.notes)
        }
        _ = try context.remote(for: desired)
        return desired
    }

    /// Checks `file` (its configuration `desired`, from `prepare`) under the lock.
    static func verify(_ file: PlanFile, desired: DesiredState, context: CommandContext) async throws -> Plan {
        let state = context.store.loadInBackground()
        let settings = DesiredSettings(desired)
        let applied = try await state.value
        let observed = try await context.remote(for: desired).refresh(.scope(desired: desired, settings: settings, applied: applied))
        let reasons = file.plan.staleness(state: applied, configDigest: DesiredStateDigest.digest(desired, settings: settings),
                                          readDigest: observed.readDigest, environment: context.environment)
        guard reasons.isEmpty else {
            throw CommandFailure(message: "the saved plan can no longer be applied",
                                 notes: reasons.map(\.description) + [PlanStaleness.remedy])
        }
        // The digests above say the world is as it was; the changes are bound to them only by
        // making the plan again from that same world: an edited file differs here.
        let salt = file.plan.newStateSalt.flatMap(Hex.decode) ?? []
        let again = Planner.plan(PlanInput(desired: desired, applied: applied, observed: observed,
                                           environment: context.environment, newStateSalt: salt, settings: settings))
        guard let replanned = again.plan, replanned.digest == file.plan.digest else {
            throw CommandFailure(message: "the saved plan does not match the plan its configuration, state and org give now: "
                                    + "the file was edited after 'vccctl plan --out' made it",
                                 notes: ["nothing was applied", "make a new plan with 'vccctl plan --out FILE' and review it"])
        }
        return file.plan
    }
}
