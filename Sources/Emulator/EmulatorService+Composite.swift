import Hummingbird
import OrgSimulator
import SOQL

/// `POST composite`: up to 25 subrequests (at most 5 queries or sObject Collections) in one API
/// call and one database transaction, with `@{ref.field}` references and `allOrNone`.
extension EmulatorService {
    static let compositeLimit = 25
    static let compositeHeavyLimit = 5

    func composite(_ request: RESTRequest, session: SessionContext) throws -> EmulatorReply {
        guard request.method == .post else { throw APIFailure.methodNotAllowed(request.method, allowed: ["POST"]) }
        guard case .array(let subrequests)? = request.body?["compositeRequest"] else {
            throw APIFailure.badJSON("compositeRequest: a JSON array of subrequests is required")
        }
        guard subrequests.count <= Self.compositeLimit else {
            throw APIFailure(status: .badRequest, errorCode: "LIMIT_EXCEEDED",
                             message: "Composite request limit exceeded: at most \(Self.compositeLimit) subrequests")
        }
        let allOrNone = request.body?["allOrNone"] == .bool(true)
        var heavy = 0
        var seen = Set<String>()
        for subrequest in subrequests {
            guard case .string(let referenceId)? = subrequest["referenceId"], !referenceId.isEmpty,
                  referenceId.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw APIFailure(status: .badRequest, errorCode: "INVALID_INPUT",
                                 message: "referenceId: every subrequest needs a referenceId of letters, digits and underscores")
            }
            guard seen.insert(referenceId).inserted else {
                throw APIFailure(status: .badRequest, errorCode: "INVALID_INPUT", message: "Duplicate referenceId provided in the request: \(referenceId)")
            }
            guard case .string(let url)? = subrequest["url"], case .string? = subrequest["method"] else {
                throw APIFailure(status: .badRequest, errorCode: "INVALID_INPUT", message: "\(referenceId): method and url are required")
            }
            let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
            if path.contains("/query") || path.contains("/composite/sobjects") { heavy += 1 }
        }
        guard heavy <= Self.compositeHeavyLimit else {
            throw APIFailure(status: .badRequest, errorCode: "LIMIT_EXCEEDED",
                             message: "You can have up to \(Self.compositeHeavyLimit) sObject Collections and query operations in a composite request")
        }
        let responses = try simulator.writing { access in
            try runSubrequests(subrequests, allOrNone: allOrNone, version: request.version, session: session, access: access)
        }
        return EmulatorReply(status: .ok, json: .object([("compositeResponse", .array(responses))]))
    }

    private func runSubrequests(_ subrequests: [JSONValue], allOrNone: Bool, version: String, session: SessionContext,
                                access: OrgAccess) throws -> [JSONValue] {
        var bodies: [String: JSONValue] = [:]
        var outcomes: [(referenceId: String, reply: EmulatorReply)] = []
        var failedIds = Set<String>()
        var halted = false
        for subrequest in subrequests {
            guard case .string(let referenceId)? = subrequest["referenceId"],
                  case .string(let methodText)? = subrequest["method"], case .string(let url)? = subrequest["url"] else { continue }
            if halted {
                outcomes.append((referenceId, Self.halted))
                continue
            }
            let reply: EmulatorReply
            do {
                reply = try runSubrequest(subrequest, method: methodText, url: url, allOrNone: allOrNone, bodies: bodies,
                                          session: session, access: access)
            } catch let unresolved as CompositeReference.Unresolved {
                let failedEarlier = failedIds.contains(unresolved.referenceId)
                reply = APIFailure(
                    status: .badRequest, errorCode: "PROCESSING_HALTED",
                    message: failedEarlier
                        ? "Invalid reference specified. No value for \(unresolved.reference) found in \(unresolved.referenceId). Provided referenceId ('\(unresolved.referenceId)') refers to a subrequest that failed."
                        : "Invalid reference specified. No value for \(unresolved.reference) found in \(unresolved.referenceId). Provided referenceId ('\(unresolved.referenceId)') is either not available or not yet processed.").reply
            }
            let failed = reply.status.code >= 400 || Self.hasRecordFailure(reply)
            if failed {
                failedIds.insert(referenceId)
                if allOrNone {
                    halted = true
                    access.rollbackRequested = true
                }
            }
            bodies[referenceId] = reply.jsonValue
            outcomes.append((referenceId, reply))
        }
        return outcomes.map { outcome in
            // With allOrNone and a failure, everything that had succeeded was rolled back too.
            let reply = halted && !failedIds.contains(outcome.referenceId) ? Self.halted : outcome.reply
            var headers: [(String, JSONValue)] = []
            for field in reply.headers { headers.append((field.name.rawName, .string(field.value))) }
            return .object([
                ("body", reply.jsonValue), ("httpHeaders", .object(headers)),
                ("httpStatusCode", .integer(reply.status.code)), ("referenceId", .string(outcome.referenceId)),
            ])
        }
    }

    private func runSubrequest(_ subrequest: JSONValue, method methodText: String, url: String, allOrNone: Bool,
                               bodies: [String: JSONValue], session: SessionContext, access: OrgAccess) throws -> EmulatorReply {
        let resolvedURL = try CompositeReference.substitute(in: url, bodies: bodies)
        guard let method = HTTPRequest.Method(methodText.uppercased()),
              [.get, .post, .patch, .delete, .put].contains(method) else {
            return APIFailure(status: .badRequest, errorCode: "INVALID_INPUT", message: "method: \(methodText) is not supported").reply
        }
        guard case .some(let parsed) = RESTRequest.parse(method: method, target: resolvedURL, versions: apiVersions),
              var rest = parsed else {
            return APIFailure.notFound.reply
        }
        if rest.parts.first == "composite", rest.parts.count == 1 {
            return APIFailure(status: .badRequest, errorCode: "INVALID_INPUT", message: "A composite request cannot contain a composite request").reply
        }
        if let body = subrequest["body"] {
            var substituted = try CompositeReference.substitute(in: body, bodies: bodies)
            // The Composite request's allOrNone overrides every inner Collections allOrNone.
            if allOrNone, rest.parts.count == 2, rest.parts[0] == "composite", case .object(var pairs) = substituted {
                pairs.removeAll { $0.0 == "allOrNone" }
                pairs.insert(("allOrNone", .bool(true)), at: 0)
                substituted = .object(pairs)
            }
            rest.body = substituted
        }
        if allOrNone, method == .delete, rest.parts.count == 2, rest.parts[0] == "composite" {
            rest.query = FormBody(Substring("ids=\(rest.query["ids"] ?? "")&allOrNone=true"))
        }
        do {
            var reply = try handle(rest, session: session, access: access)
            if reply.status == .created, case .string(let id)? = reply.jsonValue["id"], rest.parts.count >= 2 {
                reply.headers[.location] = rest.path("sobjects/\(rest.parts[1])/\(id)")
            }
            return reply
        } catch let failure as APIFailure {
            return failure.reply
        }
    }

    private static func hasRecordFailure(_ reply: EmulatorReply) -> Bool {
        guard case .json(.array(let results)) = reply.body else { return false }
        return results.contains { $0["success"] == .bool(false) }
    }

    static let halted = APIFailure(
        status: .badRequest, errorCode: "PROCESSING_HALTED",
        message: "The transaction was rolled back since another operation in the same transaction failed.").reply
}
