import JWTKit

/// The claims of a JWT bearer assertion. All optional: the token endpoint checks each itself, to
/// answer with the description Salesforce gives for that failure.
struct AssertionClaims: JWTPayload {
    var iss: IssuerClaim?
    var sub: SubjectClaim?
    var aud: AudienceClaim?
    var exp: ExpirationClaim?

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
