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

    static func page(_ records: [SalesforceJSON], done: Bool = true, next: String? = nil, total: Int? = nil) -> HTTPReply {
        var object: [String: SalesforceJSON] = ["totalSize": .number(Double(total ?? records.count)), "done": .bool(done),
                                           "records": .array(records)]
        if let next { object["nextRecordsUrl"] = .string(next) }
        return HTTPReply(status: 200, headers: [("Sforce-Limit-Info", "api-usage=100/15000")], body: SalesforceJSON.object(object).encoded())
    }

    static func composite(_ parts: [(String, Int, SalesforceJSON)]) -> HTTPReply {
        HTTPReply(status: 200, body: SalesforceJSON.object(["compositeResponse": .array(parts.map {
            .object(["referenceId": .string($0.0), "httpStatusCode": .number(Double($0.1)), "body": $0.2])
        })]).encoded())
    }

    static func user(_ id: String, _ username: String, active: Bool = true, profileId: String = "00eA") -> SalesforceJSON {
        .object(["attributes": .object(["type": .string("User")]), "Username": .string(username), "IsActive": .bool(active),
                 "ProfileId": .string(profileId), "Id": .string(id)])
    }

    static func setting(_ id: String, owner: String, key: String?, setupOwner: SalesforceJSON,
                        modstamp: String = "2026-05-01T10:00:00.000+0000") -> SalesforceJSON {
        .object(["Id": .string(id), "SetupOwnerId": .string(owner), "NVMContactWorld__clientId__c": key.map(SalesforceJSON.string) ?? .null,
                 "SystemModstamp": .string(modstamp), "SetupOwner": setupOwner])
    }

    static func found(_ id: String, owner: String, key: String?) -> SalesforceJSON {
        .object(["Id": .string(id), "SetupOwnerId": .string(owner), "NVMContactWorld__clientId__c": key.map(SalesforceJSON.string) ?? .null])
    }

    /// The Composite body's subrequests of a request.
    static func subrequests(_ exchange: HTTPExchange) -> [SalesforceJSON] {
        exchange.body.flatMap { try? SalesforceJSON.decode($0) }?["compositeRequest"]?.array ?? []
    }
}
