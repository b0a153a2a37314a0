/// The shape rules for names the configuration holds. Each returns what is wrong, or nil.
enum NameRules {
    static let maxAccountKeyLength = 255
    static let maxUsernameLength = 80

    static func accountKeyProblem(_ key: String) -> String? {
        if key.isEmpty { return "an account key must not be empty" }
        if key.unicodeScalars.contains(where: \.properties.isWhitespace) {
            return "account key '\(key)' contains whitespace; account keys are single words as the VCC Admin Portal shows them"
        }
        let length = key.unicodeScalars.count
        if length > maxAccountKeyLength {
            return "account key '\(key.prefix(24))…' is \(length) characters long; the longest allowed is \(maxAccountKeyLength)"
        }
        return nil
    }

    /// POSIX: letters, digits and underscores, not starting with a digit.
    static func environmentVariableProblem(_ name: String) -> String? {
        var first = true
        for byte in name.utf8 {
            let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            guard isLetter || byte == UInt8(ascii: "_") || (isDigit && !first) else {
                return "'\(name)' is not a valid environment variable name"
            }
            first = false
        }
        return first ? "the environment variable name must not be empty" : nil
    }

    /// Salesforce usernames have the form of an email address (`jane@acme.example`, with a sandbox
    /// suffix such as `.uat`), at most 80 characters. Checked byte by byte: this runs once per
    /// declared user, a million times on a large org.
    static func usernameProblem(_ username: String) -> String? {
        var contiguous = username
        return contiguous.withUTF8 { usernameProblem(bytes: $0, username: username) }
    }

    private static func usernameProblem(bytes: UnsafeBufferPointer<UInt8>, username: String) -> String? {
        var ats = 0
        var localLength = 0
        var domainDots = 0
        var lastWasDot = false
        var domainLength = 0
        var count = 0
        for byte in bytes {
            // Characters, not bytes: the limit is Salesforce's 80 characters.
            if byte & 0xC0 != 0x80 { count += 1 }
            if byte <= 0x20 || byte == 0x7F {
                return "username '\(username)' contains whitespace or a control character"
            }
            if byte == UInt8(ascii: "@") {
                ats += 1
                lastWasDot = false
                continue
            }
            if ats == 0 {
                localLength += 1
            } else {
                if byte == UInt8(ascii: ".") {
                    if domainLength == 0 || lastWasDot { return usernameShape(username) }
                    domainDots += 1
                    lastWasDot = true
                } else {
                    lastWasDot = false
                }
                domainLength += 1
            }
        }
        guard ats == 1, localLength > 0, domainDots > 0, !lastWasDot else { return usernameShape(username) }
        if count > maxUsernameLength {
            return "username '\(username)' is \(count) characters long; Salesforce allows at most \(maxUsernameLength)"
        }
        return nil
    }

    private static func usernameShape(_ username: String) -> String {
        "'\(username)' is not a Salesforce username; usernames look like email addresses (jane@acme.example)"
    }

    static func orgNameProblem(_ name: String) -> String? {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z"),
              bytes.count <= 64,
              bytes.allSatisfy({ isWordByte($0) || $0 == UInt8(ascii: "-") })
        else {
            return "org name '\(name)' must start with a letter and hold only letters, digits, '_' and '-' (at most 64)"
        }
        return nil
    }

    /// A custom object or field API name: `Letters_and_digits__c`, optionally namespaced.
    static func customAPINameProblem(_ name: String) -> String? {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z"),
              name.hasSuffix("__c"), bytes.allSatisfy(isWordByte)
        else {
            return "'\(name)' is not a custom object or field API name (such as NVMContactWorld__Settings__c)"
        }
        return nil
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }
}
