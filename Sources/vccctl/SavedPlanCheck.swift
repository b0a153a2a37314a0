import Reconciler
import VCCModel

/// Checks a saved plan against the world as it is now: state, configuration, org, tokens.
enum SavedPlanCheck {
    static func verify(_ file: PlanFile, context: CommandContext) async throws -> Plan {
        let state = context.store.loadInBackground()
        let desired = try ConfigurationInput.load(file.configPaths).desired
        let settings = DesiredSettings(desired)
        let applied = try await state.value
        let observed = try await context.remote(for: desired.orgs.values.sorted { $0.name < $1.name }).refresh(.scope(desired: desired, settings: settings, applied: applied))
        let reasons = file.plan.staleness(state: applied, configDigest: DesiredStateDigest.digest(desired, settings: settings),
                                          readDigest: observed.readDigest, environment: context.environment)
        guard reasons.isEmpty else {
            throw CommandFailure(message: "the saved plan can no longer be applied",
                                 notes: reasons.map(\.description) + [PlanStaleness.remedy])
        }
        return file.plan
    }
}
