import Spectator
import SpectatorTesting
import XCTest

/// The same reads from XCTest: a thrown ``MeterNotRecorded`` fails the assertion with its message.
final class RecordedMetersXCTests: XCTestCase {
    func testCounterAndMiss() throws {
        let registry = Registry()
        let recorded = RecordedMeters(registry)
        registry.counter("jobs.done", tags: ["queue": "email"]).increment(by: 4)

        XCTAssertEqual(try recorded.counter("jobs.done", tags: ["queue": "email"]).count, 4)
        XCTAssertThrowsError(try recorded.counter("jobs.done", tags: ["queue": "sms"])) { error in
            XCTAssertEqual(
                "\(error)",
                "no counter jobs.done{queue=sms} was recorded; near misses:\n  jobs.done{queue=email}: counter, count 4.0"
            )
        }
    }
}
