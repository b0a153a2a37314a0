import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OrgSimulator
import SOQL

/// Every request enters here: size limits, the token endpoint, the versions list, then for data
/// routes faults, authentication, metering and the route itself. Paths are matched by hand: the
/// routes are few, and Salesforce's error shapes (404 arrays, 401 arrays) apply to every miss.
struct EmulatorResponder: HTTPResponder {
    typealias Context = EmulatorRequestContext

    let service: EmulatorService

    /// Salesforce's limit on the URI and on the request headers (shared/DOMAIN.md).
    static let maximumURIBytes = 16_384
    static let maximumHeaderBytes = 16_384

    static let limitInfo = HTTPField.Name("Sforce-Limit-Info")!
    static let queryOptions = HTTPField.Name("Sforce-Query-Options")!

    func respond(to request: Request, context: Context) async throws -> Response {
        let target = request.head.path ?? "/"
        if target.hasPrefix("/vcc-admin/") || target == "/vcc-admin" || target.hasPrefix("/vcc-admin?") {
            // vccctl's VCC admin contract: VCC's calls, with their own error shape, auth and
            // limits (EmulatorService+VCCAdmin), neither faulted nor metered like Salesforce's.
            if let tooLarge = Self.oversized(request, target: target) {
                return EmulatorService.adminResponse(tooLarge.reply)
            }
            return await service.vccAdmin(request, target: target)
        }
        if target.utf8.count > Self.maximumURIBytes {
            return Self.response(APIFailure(status: .uriTooLong, errorCode: "URI_TOO_LONG",
                                            message: "The request URI is longer than \(Self.maximumURIBytes) bytes").reply)
        }
        var headerBytes = 0
        for field in request.headers { headerBytes += field.name.rawName.utf8.count + field.value.utf8.count + 4 }
        if headerBytes > Self.maximumHeaderBytes {
            return Self.response(APIFailure(status: .requestHeaderFieldsTooLarge, errorCode: "REQUEST_HEADER_FIELDS_TOO_LARGE",
                                            message: "The request headers are larger than \(Self.maximumHeaderBytes) bytes").reply)
        }
        let path = request.uri.path
        if path == "/services/oauth2/token" {
            if let early = await injectFault(path: path, context: context) { return early }
            guard request.method == .post else {
                return Self.response(APIFailure.methodNotAllowed(request.method, allowed: ["POST"]).reply)
            }
            guard let body = try await readBody(request) else { return Self.tooLarge }
            return Self.response(await service.token(form: FormBody(Substring(String(decoding: body, as: UTF8.self)))))
        }
        if path == "/services/data" || path == "/services/data/" {
            guard request.method == .get else {
                return Self.response(APIFailure.methodNotAllowed(request.method, allowed: ["GET", "HEAD"]).reply)
            }
            return Self.response(service.versions())
        }
        guard case .some(let parsed) = RESTRequest.parse(method: request.method, target: target, versions: service.apiVersions),
              var rest = parsed
        else {
            return Self.response(APIFailure.notFound.reply)
        }
        let decision = service.faults.isEmpty ? FaultInjector.Decision() : service.faults.decide(path: path)
        if decision.latencyMilliseconds > 0 {
            try? await Task.sleep(for: .milliseconds(decision.latencyMilliseconds))
        }
        if let fault = decision.fault, fault != .errorAfter, let early = Self.apply(fault, context: context) {
            return early
        }
        guard let session = try authenticate(request) else {
            return Self.response(APIFailure.invalidSession.reply)
        }
        let meter: APIMeterReading
        do {
            meter = try service.simulator.meterAPICall(org: session.org.name)
        } catch {
            return Self.response(Self.storageFailure(error))
        }
        let limitInfo = "api-usage=\(meter.used)/\(meter.max)"
        guard meter.admitted else {
            return Self.response(APIFailure.totalRequestsExceeded.reply, limitInfo: limitInfo)
        }
        if [.post, .patch, .put].contains(request.method) {
            guard let body = try await readBody(request) else { return Self.tooLarge }
            if !body.isEmpty {
                do {
                    rest.body = try JSONReader.parse(body)
                } catch {
                    return Self.response(APIFailure.badJSON(error.message).reply, limitInfo: limitInfo)
                }
            }
        }
        if let options = request.headers[Self.queryOptions] {
            rest.batchSize = Self.batchSize(options)
        }
        var reply = service.route(rest, session: session)
        if decision.fault == .errorAfter {
            // The writes above have landed; the client is told otherwise.
            reply = Self.serverError
        }
        return Self.response(reply, limitInfo: limitInfo)
    }

    /// The admin contract's answer to a URI or headers over Salesforce's limits, or nil.
    private static func oversized(_ request: Request, target: String) -> VCCAdminFailure? {
        if target.utf8.count > maximumURIBytes {
            return VCCAdminFailure(status: .uriTooLong, code: "invalid_request",
                                   message: "the request URI is longer than \(maximumURIBytes) bytes")
        }
        var headerBytes = 0
        for field in request.headers { headerBytes += field.name.rawName.utf8.count + field.value.utf8.count + 4 }
        if headerBytes > maximumHeaderBytes {
            return VCCAdminFailure(status: .requestHeaderFieldsTooLarge, code: "invalid_request",
                                   message: "the request headers are larger than \(maximumHeaderBytes) bytes")
        }
        return nil
    }

    /// The session of `Authorization: Bearer|OAuth TOKEN`, or nil (401).
    private func authenticate(_ request: Request) throws -> SessionContext? {
        guard let header = request.headers[.authorization] else { return nil }
        let token: Substring
        if header.hasPrefix("Bearer ") { token = header.dropFirst(7) }
        else if header.hasPrefix("OAuth ") { token = header.dropFirst(6) }
        else { return nil }
        let trimmed = token.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.count < 1024,
              let session = try? service.simulator.session(tokenHash: SessionToken.hash(trimmed))
        else { return nil }
        return try? service.simulator.reading { access -> SessionContext? in
            guard let org = try access.org(named: session.org),
                  let user = try access.user(org: session.org, id: session.userId), user.isActive
            else { return nil }
            return SessionContext(
                org: org, userId: user.id,
                canViewSettings: session.allPermissions || user.viewAllCustomSettings,
                canCustomize: session.allPermissions || user.customizeApplication)
        }
    }

    /// The request body, or nil when it is larger than the emulator reads.
    private func readBody(_ request: Request) async throws -> [UInt8]? {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > service.maximumBodyBytes {
            return nil
        }
        var copy = request
        do {
            let buffer = try await copy.collectBody(upTo: service.maximumBodyBytes)
            return Array(buffer.readableBytesView)
        } catch {
            return nil
        }
    }

    private func injectFault(path: String, context: Context) async -> Response? {
        guard !service.faults.isEmpty else { return nil }
        let decision = service.faults.decide(path: path)
        if decision.latencyMilliseconds > 0 {
            try? await Task.sleep(for: .milliseconds(decision.latencyMilliseconds))
        }
        guard let fault = decision.fault, fault != .errorAfter else { return nil }
        return Self.apply(fault, context: context)
    }

    /// The response of a fault that hits before the request does anything.
    private static func apply(_ fault: FaultKind, context: Context) -> Response? {
        switch fault {
        case .error:
            return response(serverError)
        case .throttle:
            var reply = APIFailure(status: .tooManyRequests, errorCode: "REQUEST_LIMIT_EXCEEDED",
                                   message: "Too many requests: retry after 1 second").reply
            reply.headers[.retryAfter] = "1"
            return response(reply)
        case .concurrent:
            return response(APIFailure.concurrentRequestsExceeded.reply)
        case .reset:
            // Close the connection without a byte of response; the response below is never written.
            context.channel.close(promise: nil)
            return Response(status: .internalServerError)
        case .errorAfter:
            return nil
        }
    }

    static let serverError = APIFailure(
        status: .internalServerError, errorCode: "UNKNOWN_EXCEPTION",
        message: "An unexpected error occurred. Please include this ErrorId if you contact support: 000000000-00000 (emulated fault)").reply

    static var tooLarge: Response {
        response(APIFailure(status: .contentTooLarge, errorCode: "REQUEST_ENTITY_TOO_LARGE",
                            message: "The request body is larger than the emulator accepts").reply)
    }

    static func storageFailure(_ error: any Error) -> EmulatorReply {
        APIFailure(status: .internalServerError, errorCode: "UNKNOWN_EXCEPTION", message: "The emulator's org failed: \(error)").reply
    }

    /// `batchSize=N` clamped to Salesforce's 200...2000.
    static func batchSize(_ options: String) -> Int? {
        for part in options.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "batchsize",
                  let value = Int(pair[1].trimmingCharacters(in: .whitespaces)) else { continue }
            return min(max(value, 200), 2000)
        }
        return nil
    }

    static func response(_ reply: EmulatorReply, limitInfo: String? = nil) -> Response {
        var headers = reply.headers
        if let limitInfo { headers[Self.limitInfo] = limitInfo }
        if case .bytes(let bytes) = reply.body {
            headers[.contentType] = "application/json;charset=UTF-8"
            return Response(status: reply.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        guard let text = reply.serializedBody else {
            return Response(status: reply.status, headers: headers)
        }
        headers[.contentType] = "application/json;charset=UTF-8"
        return Response(status: reply.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
