/// HTTP targets opened by this command, shut down before it exits.
enum OpenTargets {
    static func shutdownAll() async {}
}
