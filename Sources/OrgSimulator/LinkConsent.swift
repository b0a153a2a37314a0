/// A link just started (status pending) and the id of the consent page that completes it.
public struct LinkConsent: Sendable, Hashable {
    public var link: VCCLink
    /// The unguessable id in the consent page's URL: whoever holds it can consent, so it is
    /// handed only to whoever started the link.
    public var consentId: String

    public init(link: VCCLink, consentId: String) {
        self.link = link
        self.consentId = consentId
    }
}
