/// The CI run this process belongs to, from the variables CI systems set: named in the state
/// lock, so that a run waiting on another machine can open the one that holds it.
public enum CIRun {
    /// The run's web address, or nil outside CI (or on a CI system not known here).
    public static func url(in environment: [String: String]) -> String? {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        if let server = value("GITHUB_SERVER_URL"), let repository = value("GITHUB_REPOSITORY"), let run = value("GITHUB_RUN_ID") {
            return "\(server)/\(repository)/actions/runs/\(run)"
        }
        // GitLab, Jenkins, CircleCI, Buildkite, Azure Pipelines (in that order).
        for name in ["CI_JOB_URL", "BUILD_URL", "CIRCLE_BUILD_URL", "BUILDKITE_BUILD_URL"] {
            if let url = value(name) { return url }
        }
        if let collection = value("SYSTEM_COLLECTIONURI"), let project = value("SYSTEM_TEAMPROJECT"), let build = value("BUILD_BUILDID") {
            return "\(collection)\(project)/_build/results?buildId=\(build)"
        }
        return nil
    }
}
