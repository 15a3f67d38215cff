import Foundation
import SpectatorTestSupport
import Testing

@testable import Spectator

@Suite("DistinctCountSketch")
struct DistinctCountSketchTests {
    /// The 64 registers a step's measurements carry (0 for a register not published), read from their
    /// `distinct` tags.
    static func registers(_ measurements: [MeterMeasurement]) -> [Int] {
        var registers = Array(repeating: 0, count: 64)
        for measurement in measurements {
            let tags = Dictionary(uniqueKeysWithValues: measurement.tags.map { ($0.key, $0.value) })
            #expect(tags["statistic"] == "distinct")
            #expect(measurement.kind == .max)
            let register = Int(tags["distinct"]!.dropFirst(), radix: 16)!
            registers[register] = Int(measurement.value)
        }
        return registers
    }

    /// Records a vector row's input through the public API its type takes.
    static func record(_ row: SketchTestVectors.Row, into sketch: DistinctCountSketch) {
        switch row.input {
        case .long(let value): sketch.record(value)
        case .string(let value): sketch.record(value)
        case .bytes(let bytes): sketch.record(bytes: bytes)
        }
    }

    /// HyperLogLog's estimate of `registers`, as spectator-java's `DistinctCountSketch.java`
    /// (Netflix/spectator#1258) computes it, with Foundation's `log`.
    static func estimate(_ registers: [Int]) -> Double {
        let m = Double(registers.count)
        let sum = registers.reduce(0.0) { $0 + pow(2, -Double($1)) }
        let raw = 0.7213 / (1 + 1.079 / m) * m * m / sum
        let zeros = registers.filter { $0 == 0 }.count
        return raw <= 2.5 * m && zeros > 0 ? m * log(m / Double(zeros)) : raw
    }

    @Test("each vector row recorded alone sets exactly its register to its rank, through the public record API")
    func vectorRows() {
        let registry = Registry()
        let sketch = registry.distinctCountSketch("vectors")
        for row in SketchTestVectors.rows {
            Self.record(row, into: sketch)
            var expected = Array(repeating: 0, count: 64)
            expected[row.register] = row.rank
            #expect(Self.registers(registry.collect()) == expected, "\(row.input)")
        }
    }

    @Test("sketch rows: every vector input into one sketch, and every Int64 in 0 ..< 100 000")
    func sketchRows() {
        let registry = Registry()
        let inputs = registry.distinctCountSketch("inputs")
        for row in SketchTestVectors.rows { Self.record(row, into: inputs) }
        #expect(Self.registers(registry.collect()) == SketchTestVectors.encodingInputsRegisters)

        let longs = registry.distinctCountSketch("longs")
        for value in Int64(0)..<100_000 { longs.record(value) }
        let estimate = longs.cardinality()
        #expect(Self.registers(registry.collect()) == SketchTestVectors.longsRegisters)
        #expect(estimate == Self.estimate(SketchTestVectors.longsRegisters))
        #expect(abs(estimate - 100_000) < 0.13 * 3 * 100_000)
    }

    @Test(
        "cardinality() is the estimator over the step in progress: linear counting while registers are empty, 0 after a collection"
    )
    func cardinality() {
        let registry = Registry()
        let sketch = registry.distinctCountSketch("users")
        #expect(sketch.cardinality() == 0)
        for value in 0..<20 { sketch.record("user-\(value)") }
        let estimate = sketch.cardinality()
        let collected = Self.registers(registry.collect())
        #expect(estimate == Self.estimate(collected))
        #expect(collected.contains(0))
        #expect(abs(estimate - 20) < 6)
        #expect(sketch.cardinality() == 0)
        #expect(DistinctCountSketch.cardinality(registers: [Int]()) == 0)
        #expect(DistinctCountSketch.cardinality(registers: [1, 0, 0, 0]) == Self.estimate([1, 0, 0, 0]))
    }

    @Test("a String, a Substring of it, its UTF-8 bytes contiguous or not, and an Int as an Int64 land alike")
    func sameValueManyForms() {
        let registry = Registry()
        let text = "prefix:user-12345"
        let forms: [(String, (DistinctCountSketch) -> Void)] = [
            ("String", { $0.record("user-12345") }),
            ("Substring", { $0.record(text.dropFirst(7)) }),
            ("[UInt8]", { $0.record(bytes: Array("user-12345".utf8)) }),
            ("raw buffer", { sketch in Array("user-12345".utf8).withUnsafeBytes { sketch.record(bytes: $0) } }),
            ("lazy bytes", { $0.record(bytes: "user-12345".utf8.lazy.map { $0 }) }),
        ]
        for (form, record) in forms {
            record(registry.distinctCountSketch("forms"))
            var expected = Array(repeating: 0, count: 64)
            expected[12] = 2
            #expect(Self.registers(registry.collect()) == expected, "\(form)")
        }
        // Strings of every small length (stored in the string's own words), and a longer one.
        for text in (0...16).map({ String(repeating: "é", count: $0 / 2) + String(repeating: "x", count: $0 % 2) })
            + ["0123456789abcdef", "a longer string, stored on the heap"]
        {
            registry.distinctCountSketch("strings").record(text)
            let fromString = Self.registers(registry.collect())
            registry.distinctCountSketch("strings").record(bytes: Array(text.utf8))
            #expect(Self.registers(registry.collect()) == fromString, "\(text)")
            #expect(fromString.filter { $0 > 0 }.count == 1)
        }
        registry.distinctCountSketch("ints").record(7)
        let fromInt = Self.registers(registry.collect())
        registry.distinctCountSketch("ints").record(Int64(7))
        #expect(Self.registers(registry.collect()) == fromInt)
        #expect(fromInt[21] == 5)
    }

    @Test("the canonical hash of each register and rank sets exactly that register to exactly that rank")
    func canonicalHashes() {
        for register in 0..<64 {
            for rank in 1...59 {
                let registers = SketchRegisters()
                registers.record(hash: SketchRegisters.canonicalHash(register: register, rank: rank))
                var expected = Array(repeating: 0, count: 64)
                expected[register] = rank
                #expect(registers.values() == expected)
            }
        }
    }

    @Test(
        "an untouched sketch publishes nothing; a register keeps the largest rank of the step and starts over after it"
    )
    func steps() {
        let registry = Registry()
        let sketch = registry.distinctCountSketch("users")
        #expect(registry.collect().isEmpty)
        sketch.record(Int64(0))  // register 59, rank 3
        sketch.record(Int64(0))
        #expect(registry.collect().map(\.key) == ["users,distinct=R3B,statistic=distinct"])
        #expect(registry.collect().isEmpty)
        sketch.record(Int64(1000))  // register 9, rank 1
        sketch.record(Int64(-1))  // register 9, rank 1
        #expect(registry.collect().values == ["users,distinct=R09,statistic=distinct": 1])
    }

    @Test("4 threads recording the same 200 000 values in different orders give the registers one thread gives")
    func concurrentRecording() {
        let single = Registry()
        let reference = single.distinctCountSketch("ids")
        for value in Int64(0)..<200_000 { reference.record(value) }
        let expected = Self.registers(single.collect())

        let registry = Registry()
        let sketch = registry.distinctCountSketch("ids")
        runOnThreads(
            (0..<4).map { thread in
                {
                    for index in Int64(0)..<200_000 {
                        sketch.record(thread % 2 == 0 ? index : 199_999 - index)
                    }
                }
            }
        )
        #expect(Self.registers(registry.collect()) == expected)
    }

    @Test("found again by name and tags, by id, by tag pairs and through a provider: one sketch")
    func lookups() {
        let registry = Registry()
        let sketch = registry.distinctCountSketch("users", tags: ["endpoint": "login"])
        #expect(registry.distinctCountSketch("users", tags: ["endpoint": "login"]) === sketch)
        #expect(registry.distinctCountSketch(MeterId("users", tags: ["endpoint": "login"])) === sketch)
        #expect(registry.distinctCountSketch("users", tagPairs: [(key: "endpoint", value: "login")]) === sketch)
        let provider = registry.distinctCountSketches("users", tagKeys: ["endpoint"])
        #expect(provider.withValues("login") === sketch)
        #expect(registry.size == 1)
    }

    @Test("an id registered as a counter gets a no-op sketch and one log line; the no-op is never published")
    func typeConflict() {
        let log = LogLines()
        let registry = Registry(log: log.sink)
        registry.counter("users").increment()
        let sketch = registry.distinctCountSketch("users")
        #expect(sketch === DistinctCountSketch.noop)
        sketch.record("alice")
        _ = registry.distinctCountSketch("users")
        #expect(registry.collect().map(\.key) == ["users,statistic=count"])
        #expect(log.all.count == 1)
        #expect(log.all.first?.contains("DistinctCountSketch") == true)
    }

    @Test("a sketch nobody holds expires after the meter TTL like any meter")
    func expiry() {
        let clock = ManualClock()
        let registry = Registry(meterTTL: .seconds(60), clock: clock)
        registry.distinctCountSketch("users").record("alice")
        #expect(registry.collect().count == 1)
        clock.advance(by: .seconds(61))
        _ = registry.collect()
        #expect(registry.size == 0)
    }
}
