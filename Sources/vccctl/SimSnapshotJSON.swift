import Foundation
import OrgSimulator
import Views

/// `vccctl sim show`: what the embedded org and VCC hold, as one JSON document in the project's
/// convention (snake_case keys, RFC 3339 UTC times, `format_version`; schemas/sim-show.schema.json)
/// rather than the simulator types' own Codable shapes, which are storage formats. Never a token:
/// secrets say only whether one is set, records only whether the retired field holds one.
struct SimSnapshotJSON: Encodable {
    var format_version = 1
    var orgs: [Org]
    var accounts: [Account]

    init(_ snapshot: SimulatorSnapshot) {
        orgs = snapshot.orgs.map(Org.init)
        accounts = snapshot.accounts.map(Account.init)
    }

    func rendered() throws -> String {
        JSONText.encode(self)
    }

    static func time(_ date: Date?) -> String? { date?.ISO8601Format() }

    struct Org: Encodable {
        var name: String
        var org_id: String
        var environment: String
        var created_at: String
        var api_calls: Int
        var profiles: [Profile]
        var users: [User]
        var settings: [Setting]
        var secrets: [Secret]

        init(_ org: OrgSnapshot) {
            name = org.org.name
            org_id = org.org.orgId
            environment = org.org.environment.rawValue
            created_at = org.org.createdAt.ISO8601Format()
            api_calls = org.apiCalls
            profiles = org.profiles.map { Profile(id: $0.id, name: $0.name) }
            users = org.users.map(User.init)
            settings = org.settings.map(Setting.init)
            secrets = org.secrets.map { Secret(client_id: $0.clientId, locations: $0.locations, token_set: $0.tokenSet) }
        }
    }

    struct Profile: Encodable {
        var id: String
        var name: String
    }

    struct User: Encodable {
        var id: String
        var username: String
        var profile_id: String
        var profile: String
        var is_active: Bool
        var is_api_only: Bool
        var has_api_user_permission_set: Bool
        var mfa_required: Bool

        init(_ user: DirectoryUser) {
            id = user.id
            username = user.username
            profile_id = user.profileId
            profile = user.profileName
            is_active = user.isActive
            is_api_only = user.isApiOnly
            has_api_user_permission_set = user.hasApiUserPermissionSet
            mfa_required = user.mfaRequired
        }
    }

    struct Setting: Encodable {
        var id: String
        var owner_id: String
        /// The owner by kind and name; null when it is not an org, profile or user the org names.
        var owner: Owner?
        var client_id: String?
        var base_url: String?
        var flags: String?
        var retired_token_present: Bool
        var last_modified: String

        init(_ setting: SettingSnapshot) {
            id = setting.id
            owner_id = setting.ownerId
            owner = setting.owner.map(Owner.init)
            client_id = setting.clientId
            base_url = setting.baseURL
            flags = setting.flags
            retired_token_present = setting.retiredTokenPresent
            last_modified = setting.lastModified.ISO8601Format()
        }
    }

    struct Owner: Encodable {
        var kind: String
        var name: String?

        init(_ owner: SettingOwner) {
            switch owner {
            case .org: (kind, name) = ("org", nil)
            case .profile(let profile): (kind, name) = ("profile", profile)
            case .user(let user): (kind, name) = ("user", user)
            }
        }
    }

    struct Secret: Encodable {
        var client_id: String
        var locations: [String]
        var token_set: Bool
    }

    struct Account: Encodable {
        var account_key: String
        var status: String
        var linked_org: String?
        var linked_environment: String?
        var linked_username: String?
        var linked_as_username: String?
        var linked_at: String?
        var pending_org: String?
        var pending_username: String?
        var pending_since: String?

        init(_ link: VCCLink) {
            account_key = link.key
            status = link.status.rawValue
            linked_org = link.linkedOrg
            linked_environment = link.linkedEnvironment?.rawValue
            linked_username = link.linkedUsername
            linked_as_username = link.linkedAsUsername
            linked_at = SimSnapshotJSON.time(link.linkedAt)
            pending_org = link.pendingOrg
            pending_username = link.pendingUsername
            pending_since = SimSnapshotJSON.time(link.pendingSince)
        }
    }
}
