import Testing
@testable import Targets

/// The hint that lets the next query page be requested while this one is parsed.
@Suite struct NextRecordsScanTests {
    func scan(_ text: String) -> String? { NextRecordsScan.path(in: Array(text.utf8)) }

    @Test func findsThePathBeforeTheRecords() {
        #expect(scan(#"{"totalSize":4001,"done":false,"nextRecordsUrl":"/services/data/v67.0/query/01gX-2000","records":[]}"#)
                == "/services/data/v67.0/query/01gX-2000")
    }

    @Test(arguments: [
        #"{"totalSize":1,"done":true,"records":[]}"#,
        #"{"nextRecordsUrl":"","done":false}"#,
        #"{"nextRecordsUrl":"https://elsewhere.example/x"}"#,
        #"{"nextRecordsUrl":"/a\"b"}"#,
        #"{"nextRecordsUrl":"/unterminated"#,
        #"{"nextRecordsUrl":null}"#,
    ])
    func givesNoHintWhenThereIsNoPlainPath(_ body: String) {
        #expect(scan(body) == nil)
    }
}
