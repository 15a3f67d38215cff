import Foundation
import Testing

@testable import Spectator

@Suite("AggregatorUpdateFormat")
struct AggregatorUpdateFormatTests {
    /// Decodes a body into (sorted tags, op, value) rows, as the aggregator's `PayloadDecoder` reads it.
    static func decode(_ body: [UInt8]) -> [[String: String]: [Double]] {
        guard let array = try? JSONSerialization.jsonObject(with: Data(body)) as? [Any],
            let count = array.first as? Int
        else { return [:] }
        let strings = array[1...count].map { $0 as! String }
        var rows: [[String: String]: [Double]] = [:]
        var position = count + 1
        while position < array.count {
            let tagCount = array[position] as! Int
            var tags: [String: String] = [:]
            for pair in 0..<tagCount {
                tags[strings[array[position + 1 + 2 * pair] as! Int]] = strings[array[position + 2 + 2 * pair] as! Int]
            }
            position += 1 + 2 * tagCount
            rows[tags] = [(array[position] as! NSNumber).doubleValue, (array[position + 1] as! NSNumber).doubleValue]
            position += 2
        }
        return rows
    }

    @Test("the spectator-go aggregator example: same tags, operation and value")
    func goExample() {
        let encoder = AggregatorUpdateFormat(
            commonTags: CommonTags.sanitized([
                "nf.app": "test", "nf.cluster": "test-main", "nf.asg": "test-main-v001", "nf.region": "us-west-1",
            ])
        )
        let bodies = Array(
            JSONBodyFormat.aggregatorUpdate(encoder)
                .bodies(
                    [MeterMeasurement(id: MeterId("foo"), statistic: .count, value: 10, kind: .delta)],
                    timestampMillis: 0,
                    batchSize: 10_000
                )
        )
        let body = String(decoding: bodies[0].body, as: UTF8.self)
        #expect(
            body == """
                [12,"count","foo","name","nf.app","nf.asg","nf.cluster","nf.region","statistic","test",\
                "test-main","test-main-v001","us-west-1",6,2,1,3,8,4,10,5,9,6,11,7,0,0,10]
                """
        )
        let goBody = """
            [12, "count","name","foo","nf.app","nf.asg","nf.cluster","nf.region","statistic","test",
                 "test-main","test-main-v001","us-west-1",
             6, 3,8, 5,9, 4,10, 6,11, 7,0, 1,2, 0, 10.0]
            """
        #expect(Self.decode(bodies[0].body) == Self.decode(Array(goBody.utf8)))
        #expect(!Self.decode(bodies[0].body).isEmpty)
    }

    @Test("deltas use ADD (0), gauges and maxima MAX (10); a delta of 0 and a max of 0 are sent")
    func operations() {
        let encoder = AggregatorUpdateFormat(commonTags: [])
        let id = MeterId("lat")
        let bodies = Array(
            JSONBodyFormat.aggregatorUpdate(encoder)
                .bodies(
                    [
                        MeterMeasurement(id: id, statistic: .count, value: 2, kind: .delta),
                        MeterMeasurement(id: id, statistic: .totalTime, value: 0, kind: .delta),
                        MeterMeasurement(id: id, statistic: .max, value: 0, kind: .max),
                        MeterMeasurement(id: MeterId("g"), statistic: .gauge, value: -1.5, kind: .gauge),
                    ],
                    timestampMillis: 0,
                    batchSize: 10
                )
        )
        #expect(bodies[0].measurementCount == 4)
        #expect(
            Self.decode(bodies[0].body) == [
                ["name": "lat", "statistic": "count"]: [0, 2],
                ["name": "lat", "statistic": "totalTime"]: [0, 0],
                ["name": "lat", "statistic": "max"]: [10, 0],
                ["name": "g", "statistic": "gauge"]: [10, -1.5],
            ]
        )
    }

    @Test("batches of batchSize, each with its own string table")
    func batching() {
        let encoder = AggregatorUpdateFormat(commonTags: [])
        let measurements = (0..<25).map {
            MeterMeasurement(id: MeterId("m", tags: ["i": String($0)]), statistic: .count, value: 1, kind: .delta)
        }
        let bodies = Array(
            JSONBodyFormat.aggregatorUpdate(encoder).bodies(measurements, timestampMillis: 0, batchSize: 10)
        )
        #expect(bodies.map(\.measurementCount) == [10, 10, 5])
        #expect(bodies.map { Self.decode($0.body).count } == [10, 10, 5])
    }
}
