import Foundation

/// Checks a JSON document against a schema of `schemas/` with a real validator
/// (check-jsonschema, which `scripts/check-schemas.sh` and `.ci/run` install).
public enum JSONSchemaCheck {
    /// nil when `document` passes `schemas/<schema>`; otherwise the validator's words.
    public static func problems(_ document: String, schema: String) throws -> String? {
        let directory = try TemporaryDirectory("vccctl-schema-check")
        defer { directory.remove() }
        let file = directory.path + "/document.json"
        try document.write(toFile: file, atomically: true, encoding: .utf8)
        let runner = CommandRunner(executable: "/usr/bin/env")
        let schemas = RepositoryRoot.path() + "/schemas/"
        // Schemas refer to each other by relative path (`plan.schema.json#/...`): resolve those
        // in schemas/, not at the `$id` host, which a test must never need.
        let arguments = ["--base-uri", "file://" + schemas, "--schemafile", schemas + schema, file]
        let environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
                           "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/root"]
        var result = try runner.run(["check-jsonschema"] + arguments, in: directory.path, environment: environment)
        if result.status == 127 {
            // Installed by pip --user without its script on PATH (see scripts/check-schemas.sh).
            result = try runner.run(["python3", "-m", "check_jsonschema"] + arguments, in: directory.path, environment: environment)
        }
        return result.status == 0 ? nil : "check-jsonschema (exit \(result.status)): \(result.stdout)\(result.stderr)"
    }
}
