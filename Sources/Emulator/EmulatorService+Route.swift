import OrgSimulator
import SOQL

/// Dispatch of a data request (already authenticated and metered) to its route, in one
/// database transaction: a read for GET, a write for everything else.
extension EmulatorService {
    func route(_ request: RESTRequest, session: SessionContext) -> EmulatorReply {
        do {
            if request.parts.first == "composite", request.parts.count == 1 {
                return try composite(request, session: session)
            }
            if request.method == .get || request.method == .head {
                return try simulator.reading { access in try handle(request, session: session, access: access) }
            }
            return try simulator.writing { access in try handle(request, session: session, access: access) }
        } catch let failure as APIFailure {
            return failure.reply
        } catch {
            return EmulatorResponder.storageFailure(error)
        }
    }

    /// One request inside a transaction; Composite subrequests come here too.
    func handle(_ request: RESTRequest, session: SessionContext, access: OrgAccess) throws -> EmulatorReply {
        let parts = request.parts
        guard let first = parts.first else { return resources(request) }
        switch (first, parts.count) {
        case ("limits", 1):
            return try limits(request, session: session, access: access)
        case ("query", 1...2), ("queryAll", 1...2):
            return try query(request, session: session, access: access)
        case ("sobjects", 1):
            return try describeGlobal(request, session: session)
        case ("sobjects", 2...3):
            return try sobject(request, session: session, access: access)
        case ("composite", 2) where parts[1] == "sobjects":
            return try collections(request, session: session, access: access)
        case ("composite", 3) where parts[1] == "sobjects":
            return try collectionRetrieve(request, session: session, access: access)
        default:
            throw APIFailure.notFound
        }
    }

    /// `GET /services/data/` (not counted, no session needed).
    func versions() -> EmulatorReply {
        EmulatorReply(status: .ok, json: .array(apiVersions.map { version in
            let text = Self.versionText(version)
            return .object([("label", .string(Self.releaseLabel(version))), ("url", .string("/services/data/v\(text)")),
                            ("version", .string(text))])
        }))
    }

    /// Salesforce names releases by season, three a year: v60.0 was Spring '24, v67.0 is Summer '26.
    static func releaseLabel(_ version: Int) -> String {
        let offset = version - 60
        let index = ((offset % 3) + 3) % 3
        let yearStep = offset >= 0 ? offset / 3 : (offset - 2) / 3
        let season = ["Spring", "Summer", "Winter"][index]
        let year = 24 + yearStep + (index == 2 ? 1 : 0)
        return "\(season) '\(year)"
    }

    func resources(_ request: RESTRequest) -> EmulatorReply {
        let names = ["limits", "query", "queryAll", "sobjects", "composite"]
        return EmulatorReply(status: .ok, json: .object(names.map { ($0, .string(request.path($0))) }))
    }

    func limits(_ request: RESTRequest, session: SessionContext, access: OrgAccess) throws -> EmulatorReply {
        guard request.method == .get else { throw APIFailure.methodNotAllowed(request.method, allowed: ["GET", "HEAD"]) }
        let usage = try access.apiUsage(org: session.org.name)
        func pair(_ max: Int, _ remaining: Int) -> JSONValue {
            .object([("Max", .integer(max)), ("Remaining", .integer(remaining))])
        }
        return EmulatorReply(status: .ok, json: .object([
            ("ConcurrentAsyncGetReportInstances", pair(200, 200)),
            ("DailyApiRequests", pair(usage.max, max(0, usage.max - usage.used))),
            ("DailyAsyncApexExecutions", pair(250_000, 250_000)),
            ("DailyBulkApiBatches", pair(15_000, 15_000)),
            ("DataStorageMB", pair(1024, 1000)),
            ("FileStorageMB", pair(1024, 1020)),
            ("SingleEmailMessages", pair(5000, 5000)),
        ]))
    }
}
