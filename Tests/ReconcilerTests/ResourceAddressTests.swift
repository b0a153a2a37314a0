import Foundation
import Testing
import VCCModel
@testable import Reconciler

@Suite struct ResourceAddressTests {
    @Test(arguments: [
        (ResourceAddress.setting(org: "prod", location: .org()), #"setting.prod.org"#),
        (.setting(org: "prod", location: .profile("Support Agent")), #"setting.prod.profile["Support Agent"]"#),
        (.setting(org: "uat-2", location: .user("jane@acme.example.uat")), #"setting.uat-2.user["jane@acme.example.uat"]"#),
        (.secret(org: "prod", accountKey: "ACME-EU-01"), #"secret.prod["ACME-EU-01"]"#),
        (.link(accountKey: "ACME-EU-01"), #"link["ACME-EU-01"]"#),
        (.setting(org: "prod", location: .profile(#"Say "Hi""#)), #"setting.prod.profile["Say \"Hi\""]"#),
        (.setting(org: "prod", location: .profile(#"Back\slash\"#)), #"setting.prod.profile["Back\\slash\\"]"#),
        (.secret(org: "prod", accountKey: #"a.b["c"]"#), #"secret.prod["a.b[\"c\"]"]"#),
        (.link(accountKey: #"x"]\"#), #"link["x\"]\\"]"#),
        (.setting(org: "prod", location: .user("a.b]@x.example")), #"setting.prod.user["a.b]@x.example"]"#),
        (.secret(org: "prod", accountKey: "0123"), #"secret.prod["0123"]"#),
        (.setting(org: "prod", location: .profile("")), #"setting.prod.profile[""]"#),
        (.setting(org: "prod", location: .profile("Ünïcødé 担当")), #"setting.prod.profile["Ünïcødé 担当"]"#),
    ])
    func textFormRoundTrips(address: ResourceAddress, text: String) throws {
        #expect(address.description == text)
        #expect(ResourceAddress(text) == address)
        let json = try JSONEncoder().encode([address])
        #expect(try JSONDecoder().decode([ResourceAddress].self, from: json) == [address])
        #expect(try JSONDecoder().decode([String].self, from: json) == [text])
    }

    @Test(arguments: [
        "", "link", "link[]", "link[ACME]", #"link["ACME"#, #"link["ACME\"]"#, "setting", "setting.prod",
        "setting.prod.group[\"x\"]", "setting.prod.profile", #"setting.prod.profile["x"#, "secret.prod",
        #"secret.prod"ACME""#, #"other.prod["x"]"#, "setting.prod.org.extra",
        // Not canonical: junk after the org, an unescaped quote inside the quotes.
        #"setting.prod["junk"].org"#, #"setting.prod[x].profile["Sales"]"#, #"link["a"b"]"#, #"secret.prod["a"]"]"#,
    ])
    func rejectsWhatIsNotAnAddress(text: String) {
        #expect(ResourceAddress(text) == nil)
    }

    /// Each of these parses (a needless escape included) and prints in its one canonical text,
    /// which parses back to the same address.
    @Test(arguments: [
        (#"link["\a"]"#, #"link["a"]"#), (#"setting.p.profile["x\\"]"#, #"setting.p.profile["x\\"]"#),
        ("setting.p.org", "setting.p.org"), (#"secret.p[""]"#, #"secret.p[""]"#),
    ])
    func parsedAddressesPrintBack(text: String, canonical: String) throws {
        let address = try #require(ResourceAddress(text), "\(text) does not parse")
        #expect(address.description == canonical)
        #expect(ResourceAddress(address.description) == address)
    }

    @Test func decodingRejectsWhatIsNotAnAddress() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ResourceAddress].self, from: Data(#"["nope"]"#.utf8)) }
    }

    @Test func originsTakeNoPartInEquality() {
        let here = SourceOrigin(file: .init(path: "a.yaml"), range: .init(at: .init(line: 3, column: 5)))
        #expect(ResourceAddress.setting(org: "prod", location: .profile("Sales", origin: here))
            == .setting(org: "prod", location: .profile("Sales")))
        #expect(Set([ResourceAddress.setting(org: "prod", location: .org(origin: here)),
                     .setting(org: "prod", location: .org())]).count == 1)
    }

    @Test func ordersSettingsThenSecretsThenLinks() {
        let sorted: [ResourceAddress] = [
            .setting(org: "prod", location: .org()),
            .setting(org: "prod", location: .profile("B")),
            .setting(org: "prod", location: .profile("C")),
            .setting(org: "prod", location: .user("a@x.example")),
            .setting(org: "uat", location: .org()),
            .secret(org: "prod", accountKey: "Z"),
            .secret(org: "uat", accountKey: "A"),
            .link(accountKey: "A"),
            .link(accountKey: "B"),
        ]
        #expect(sorted.reversed().sorted() == sorted)
        #expect(sorted.shuffled().sorted() == sorted)
        #expect(sorted.map(\.kind) == [.setting, .setting, .setting, .setting, .setting, .secret, .secret, .link, .link])
        #expect(ResourceAddress.Kind.setting < .secret && ResourceAddress.Kind.secret < .link)
        // A strict order: nothing is less than itself.
        #expect(!sorted.contains { $0 < $0 })
    }
}
