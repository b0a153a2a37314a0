import Foundation
@testable import Targets

/// Canned Salesforce answers for target-level tests.
enum FakeOrgReplies {
    static let token = HTTPReply(status: 200, json: #"{"access_token":"T","instance_url":"https://acme.my.salesforce.com","id":"i","token_type":"Bearer","issued_at":"1","signature":"s"}"#)

    static func describe(createable: Bool = true) -> HTTPReply {
        HTTPReply(status: 200, json: """
            {"name":"NVMContactWorld__Settings__c","queryable":true,"createable":\(createable),"updateable":true,"deletable":true,
             "fields":[{"name":"Id","type":"id"},{"name":"SetupOwnerId","type":"reference"},
                       {"name":"NVMContactWorld__clientId__c","type":"string"},{"name":"NVMContactWorld__clientSecret__c","type":"string"}]}
            """)
    }

    static func page(_ records: [JSONValue], done: Bool = true, next: String? = nil, total: Int? = nil) -> HTTPReply {
        var object: [String: JSONValue] = ["totalSize": .number(Double(total ?? records.count)), "done": .bool(done),
                                           "records": .array(records)]
        if let next { object["nextRecordsUrl"] = .string(next) }
        return HTTPReply(status: 200, headers: [("Sforce-Limit-Info", "api-usage=100/15000")], body: JSONValue.object(object).encoded())
    }

    static func composite(_ parts: [(String, Int, JSONValue)]) -> HTTPReply {
        HTTPReply(status: 200, body: JSONValue.object(["compositeResponse": .array(parts.map {
            .object(["referenceId": .string($0.0), "httpStatusCode": .number(Double($0.1)), "body": $0.2])
        })]).encoded())
    }

    static func user(_ id: String, _ username: String, active: Bool = true, profileId: String = "00eA") -> JSONValue {
        .object(["attributes": .object(["type": .string("User")]), "Username": .string(username), "IsActive": .bool(active),
                 "ProfileId": .string(profileId), "Id": .string(id)])
    }

    static func setting(_ id: String, owner: String, key: String?, setupOwner: JSONValue,
                        modstamp: String = "2026-05-01T10:00:00.000+0000") -> JSONValue {
        .object(["Id": .string(id), "SetupOwnerId": .string(owner), "NVMContactWorld__clientId__c": key.map(JSONValue.string) ?? .null,
                 "SystemModstamp": .string(modstamp), "SetupOwner": setupOwner])
    }

    static func found(_ id: String, owner: String, key: String?) -> JSONValue {
        .object(["Id": .string(id), "SetupOwnerId": .string(owner), "NVMContactWorld__clientId__c": key.map(JSONValue.string) ?? .null])
    }

    /// The Composite body's subrequests of a request.
    static func subrequests(_ exchange: HTTPExchange) -> [JSONValue] {
        exchange.body.flatMap { try? JSONValue.decode($0) }?["compositeRequest"]?.array ?? []
    }
}
