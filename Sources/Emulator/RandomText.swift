/// Random strings for credentials and tokens, from the system's secure generator.
enum RandomText {
    private static let base64URL = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    private static let alphanumeric = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    private static let digits = Array("0123456789")

    static func base64URL(_ count: Int) -> String { random(count, from: base64URL) }
    static func alphanumeric(_ count: Int) -> String { random(count, from: alphanumeric) }
    static func digits(_ count: Int) -> String { random(count, from: digits) }

    private static func random(_ count: Int, from alphabet: [Character]) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
