/// A write got no usable answer (reset, timeout, 500/502/504): it may or may not have landed.
/// The writer re-reads the owners before it sends anything again.
struct RequestFateUnknown: Error, Sendable {
    var detail: String
}
