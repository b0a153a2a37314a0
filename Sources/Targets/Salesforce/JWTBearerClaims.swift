import Foundation
import JWTKit

/// The claims of a JWT bearer assertion as Salesforce reads them.
struct JWTBearerClaims: JWTPayload {
    /// The connected app's consumer key.
    var iss: IssuerClaim
    /// The username to log in as.
    var sub: SubjectClaim
    /// The login host (or My Domain): the audience setting.
    var aud: AudienceClaim
    var exp: ExpirationClaim

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}
