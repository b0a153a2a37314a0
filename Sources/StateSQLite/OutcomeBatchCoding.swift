import Foundation
import Reconciler

/// One commit's outcomes as one compact value of `apply_outcome_batch` (StateSchema), instead of
/// a row per outcome that repeats the apply's id and every column in full.
///
/// Outcomes of one commit are alike: addresses, record and owner Ids of neighbouring outcomes
/// share most of their bytes, keys and messages repeat. So each text is stored as the difference
/// from the same field of the outcome before: how many leading and trailing UTF-8 bytes it shares
/// with it, and the bytes in between. The same outcome after the same one costs a few bytes.
///
/// Layout: a format byte (1), then per outcome a byte of status (bits 0-1: applied, failed,
/// pending) and resource kind (bits 2-3: none, setting, secret, link), a byte saying which of
/// the optional fields are present (bit i: `fields[i + 1]`), then each present field as three
/// LEB128 numbers (shared prefix, shared suffix, length of the middle) and the middle's bytes.
/// The fields: address, code, message, account key, record Id, owner Id, fingerprint (hex), link
/// org, link API user; the resource's fields are present exactly as its kind has them.
enum OutcomeBatchCoding {
    static let format: UInt8 = 1
    private static let fieldCount = 9

    static func encode(_ outcomes: [ChangeOutcome]) -> Data {
        var out: [UInt8] = [format]
        out.reserveCapacity(outcomes.count * 24)
        var previous = [[UInt8]](repeating: [], count: fieldCount)
        for outcome in outcomes {
            let (kind, values) = fields(outcome)
            out.append(status(outcome.status) | kind << 2)
            var present: UInt8 = 0
            for index in 1..<fieldCount where values[index] != nil { present |= 1 << UInt8(index - 1) }
            out.append(present)
            for index in 0..<fieldCount {
                guard let value = values[index] else { continue }
                let bytes = Array(value.utf8)
                appendDifference(bytes, from: previous[index], to: &out)
                previous[index] = bytes
            }
        }
        return Data(out)
    }

    static func decode(_ data: Data) throws -> [ChangeOutcome] {
        let bytes = [UInt8](data)
        guard bytes.first == format else { throw ResourceColumnsError.unknown("outcome batch format", "\(bytes.first ?? 0)") }
        var reader = Reader(bytes: bytes, position: 1)
        var previous = [[UInt8]](repeating: [], count: fieldCount)
        var outcomes: [ChangeOutcome] = []
        while !reader.atEnd {
            let head = try reader.byte()
            let present = try reader.byte()
            var values = [String?](repeating: nil, count: fieldCount)
            for index in 0..<fieldCount where index == 0 || present & (1 << UInt8(index - 1)) != 0 {
                let value = try reader.difference(from: previous[index])
                previous[index] = value
                values[index] = String(decoding: value, as: UTF8.self)
            }
            outcomes.append(try outcome(head: head, values))
        }
        return outcomes
    }

    // MARK: - Fields

    private static func status(_ status: ChangeOutcome.Status) -> UInt8 {
        switch status {
        case .applied: 0
        case .failed: 1
        case .pending: 2
        }
    }

    private static func fields(_ outcome: ChangeOutcome) -> (kind: UInt8, [String?]) {
        var values: [String?] = [outcome.address.description, outcome.code, outcome.message, nil, nil, nil, nil, nil, nil]
        switch outcome.resource {
        case nil:
            return (0, values)
        case .setting(let accountKey, let recordId, let ownerId)?:
            values[3] = accountKey
            values[4] = recordId
            values[5] = ownerId
            return (1, values)
        case .secret(let fingerprint)?:
            values[6] = fingerprint.hex
            return (2, values)
        case .link(let org, let apiUser)?:
            values[7] = org
            values[8] = apiUser
            return (3, values)
        }
    }

    private static func outcome(head: UInt8, _ values: [String?]) throws -> ChangeOutcome {
        guard let text = values[0], let address = ResourceAddress(text) else {
            throw ResourceColumnsError.unknown("resource address", values[0] ?? "")
        }
        let status: ChangeOutcome.Status
        switch head & 0b11 {
        case 0: status = .applied
        case 1: status = .failed
        case 2: status = .pending
        default: throw ResourceColumnsError.unknown("outcome status", "\(head & 0b11)")
        }
        let resource: AppliedResource?
        switch head >> 2 {
        case 0:
            resource = nil
        case 1:
            guard let accountKey = values[3], let recordId = values[4], let ownerId = values[5] else {
                throw ResourceColumnsError.missing("account_key, record_id or owner_id of a setting")
            }
            resource = .setting(accountKey: accountKey, recordId: recordId, ownerId: ownerId)
        case 2:
            guard let hex = values[6] else { throw ResourceColumnsError.missing("fingerprint of a secret") }
            resource = .secret(fingerprint: TokenFingerprint(hex: hex))
        case 3:
            resource = .link(org: values[7], apiUser: values[8])
        default:
            throw ResourceColumnsError.unknown("resource kind", "\(head >> 2)")
        }
        return ChangeOutcome(address: address, status: status, resource: resource, code: values[1], message: values[2])
    }

    // MARK: - Differences

    private static func appendDifference(_ value: [UInt8], from previous: [UInt8], to out: inout [UInt8]) {
        let limit = min(value.count, previous.count)
        var prefix = 0
        while prefix < limit, value[prefix] == previous[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < limit - prefix, value[value.count - 1 - suffix] == previous[previous.count - 1 - suffix] { suffix += 1 }
        appendNumber(prefix, to: &out)
        appendNumber(suffix, to: &out)
        appendNumber(value.count - prefix - suffix, to: &out)
        out.append(contentsOf: value[prefix..<(value.count - suffix)])
    }

    private static func appendNumber(_ number: Int, to out: inout [UInt8]) {
        var rest = UInt64(number)
        while rest >= 0x80 {
            out.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }

    private struct Reader {
        let bytes: [UInt8]
        var position: Int

        var atEnd: Bool { position >= bytes.count }

        mutating func byte() throws -> UInt8 {
            guard position < bytes.count else { throw ResourceColumnsError.missing("the rest of an outcome batch") }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func number() throws -> Int {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let next = try byte()
                value |= UInt64(next & 0x7F) << shift
                if next & 0x80 == 0 { break }
                shift += 7
                guard shift < 63 else { throw ResourceColumnsError.unknown("outcome batch number", "too long") }
            }
            guard value <= UInt64(Int32.max) else { throw ResourceColumnsError.unknown("outcome batch number", "\(value)") }
            return Int(value)
        }

        mutating func difference(from previous: [UInt8]) throws -> [UInt8] {
            let prefix = try number()
            let suffix = try number()
            let middle = try number()
            guard prefix + suffix <= previous.count, middle <= bytes.count - position else {
                throw ResourceColumnsError.unknown("outcome batch", "a difference that does not fit")
            }
            defer { position += middle }
            return Array(previous[..<prefix]) + bytes[position..<(position + middle)] + previous[(previous.count - suffix)...]
        }
    }
}
