/// What a consent page asks for: which VCC account wants a link, and whether the page still
/// opens. A page closes when its link is started again (a new page replaces it), consented,
/// denied, dropped or unlinked.
public struct ConsentRequest: Sendable, Hashable {
    /// The VCC account asking for the link.
    public var accountKey: String
    /// False once the page was superseded or its link finished: the page answers "gone".
    public var isOpen: Bool
    /// The account's link now; while the page is open, its `pending*` fields say which org,
    /// environment and API user the consent is for.
    public var link: VCCLink

    public init(accountKey: String, isOpen: Bool, link: VCCLink) {
        self.accountKey = accountKey
        self.isOpen = isOpen
        self.link = link
    }
}
