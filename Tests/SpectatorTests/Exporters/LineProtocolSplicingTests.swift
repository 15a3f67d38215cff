import Testing

@testable import Spectator

@Suite("LineProtocolFormat splicing")
struct LineProtocolSplicingTests {
    @Test("percentile and statistic are spliced into the cached wire id, replacing the meter's own")
    func splicing() {
        let encoder = LineProtocolFormat(commonTags: [])
        let id = MeterId("t", tags: ["app": "x", "percentile": "own", "region": "r", "statistic": "user", "zone": "z"])
        let bucket = MeterMeasurement(
            id: id,
            statistic: .percentile,
            bucket: .percentile(isTimer: true, index: 0x42),
            value: 1,
            kind: .delta
        )
        #expect(encoder.line(bucket) == "c:t,app=x,percentile=T0042,region=r,statistic=percentile,zone=z:1")
        let max = MeterMeasurement(id: id, statistic: .max, value: 2, kind: .max)
        #expect(encoder.line(max) == "m:t,app=x,percentile=own,region=r,statistic=max,zone=z:2")
        let kept = MeterMeasurement(id: id, statistic: nil, value: 3, kind: .gauge)
        #expect(encoder.line(kept) == "g:t,app=x,percentile=own,region=r,statistic=user,zone=z:3")
        let bare = MeterMeasurement(
            id: MeterId("n"),
            statistic: .percentile,
            bucket: .percentile(isTimer: false, index: 0),
            value: 4,
            kind: .delta
        )
        #expect(encoder.line(bare) == "c:n,percentile=D0000,statistic=percentile:4")
        let after = MeterMeasurement(
            id: MeterId("n", tags: ["zz": "1", "a": "2"]),
            statistic: .count,
            value: 5,
            kind: .delta
        )
        #expect(encoder.line(after) == "c:n,a=2,statistic=count,zz=1:5")
        // The generic merge that common tags need agrees: `~` sorts after every other key, so the common
        // tag lands just before the value.
        let merging = LineProtocolFormat(commonTags: [Tag(key: "~", value: "c")])
        for measurement in [bucket, max, kept, bare, after] {
            let line = encoder.line(measurement)
            let valueStart = line.lastIndex(of: ":")!
            #expect(merging.line(measurement) == line[..<valueStart] + ",~=c" + line[valueStart...])
        }
    }

    @Test("an id too long for 16-bit splice offsets (400 tags) is encoded tag by tag, with the same result")
    func longId() {
        let value = String(repeating: "v", count: 120)
        let tags = (0..<400).map { (key: "k" + String(1000 + $0), value: value) }
        let registry = Registry()
        registry.counter(MeterId("long", tagPairs: tags)).increment()
        registry.counter(MeterId("own", tagPairs: tags + [(key: "statistic", value: "mine")])).increment()
        let encoder = LineProtocolFormat(commonTags: [])
        let lines = registry.collect().map(encoder.line)
        let expectedTags = tags.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        #expect(lines.count == 2)
        #expect(lines.contains("c:long," + expectedTags + ",statistic=count:1"))
        #expect(lines.contains("c:own," + expectedTags + ",statistic=mine:1"))
    }
}
