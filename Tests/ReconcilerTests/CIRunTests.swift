import Reconciler
import Testing

/// The CI run a lock holder names, from each CI system's variables.
@Suite struct CIRunTests {
    @Test(arguments: [
        (["GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/vcc", "GITHUB_RUN_ID": "42"],
         "https://github.com/acme/vcc/actions/runs/42"),
        (["CI_JOB_URL": "https://gitlab.example/acme/vcc/-/jobs/7"], "https://gitlab.example/acme/vcc/-/jobs/7"),
        (["BUILD_URL": "https://jenkins.example/job/vcc/12/"], "https://jenkins.example/job/vcc/12/"),
        (["CIRCLE_BUILD_URL": "https://circleci.com/gh/acme/vcc/3"], "https://circleci.com/gh/acme/vcc/3"),
        (["BUILDKITE_BUILD_URL": "https://buildkite.com/acme/vcc/builds/9"], "https://buildkite.com/acme/vcc/builds/9"),
        (["SYSTEM_COLLECTIONURI": "https://dev.azure.com/acme/", "SYSTEM_TEAMPROJECT": "vcc", "BUILD_BUILDID": "5"],
         "https://dev.azure.com/acme/vcc/_build/results?buildId=5"),
    ])
    func eachSystemNamesItsRun(_ environment: [String: String], _ expected: String) {
        #expect(CIRun.url(in: environment) == expected)
    }

    @Test func outsideCIOrWithPartsMissingThereIsNone() {
        #expect(CIRun.url(in: [:]) == nil)
        #expect(CIRun.url(in: ["GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/vcc"]) == nil)
        #expect(CIRun.url(in: ["CI_JOB_URL": ""]) == nil)
        // GitHub's three variables win over a BUILD_URL another tool left behind.
        #expect(CIRun.url(in: ["BUILD_URL": "https://other", "GITHUB_SERVER_URL": "https://github.com",
                               "GITHUB_REPOSITORY": "a/b", "GITHUB_RUN_ID": "1"]) == "https://github.com/a/b/actions/runs/1")
    }
}
