import Testing

@testable import Spectator

@Suite("PercentileBuckets")
struct PercentileBucketsTests {
    /// The table of PercentileBuckets.java's 276 bucket values, as "index: values".
    static let specTable = """
          0: 1, 2, 3, 4, 5, 6, 7, 8
          8: 9, 10, 11, 12, 13, 14, 16, 21
         16: 26, 31, 36, 41, 46, 51, 56, 64
         24: 85, 106, 127, 148, 169, 190, 211, 232
         32: 256, 341, 426, 511, 596, 681, 766, 851
         40: 936, 1024, 1365, 1706, 2047, 2388, 2729, 3070
         48: 3411, 3752, 4096, 5461, 6826, 8191, 9556, 10921
         56: 12286, 13651, 15016, 16384, 21845, 27306, 32767, 38228
         64: 43689, 49150, 54611, 60072, 65536, 87381, 109226, 131071
         72: 152916, 174761, 196606, 218451, 240296, 262144, 349525, 436906
         80: 524287, 611668, 699049, 786430, 873811, 961192, 1048576, 1398101
         88: 1747626, 2097151, 2446676, 2796201, 3145726, 3495251, 3844776, 4194304
         96: 5592405, 6990506, 8388607, 9786708, 11184809, 12582910, 13981011, 15379112
        104: 16777216, 22369621, 27962026, 33554431, 39146836, 44739241, 50331646, 55924051
        112: 61516456, 67108864, 89478485, 111848106, 134217727, 156587348, 178956969, 201326590
        120: 223696211, 246065832, 268435456, 357913941, 447392426, 536870911, 626349396, 715827881
        128: 805306366, 894784851, 984263336, 1073741824, 1431655765, 1789569706, 2147483647, 2505397588
        136: 2863311529, 3221225470, 3579139411, 3937053352, 4294967296, 5726623061, 7158278826, 8589934591
        144: 10021590356, 11453246121, 12884901886, 14316557651, 15748213416, 17179869184, 22906492245, 28633115306
        152: 34359738367, 40086361428, 45812984489, 51539607550, 57266230611, 62992853672, 68719476736, 91625968981
        160: 114532461226, 137438953471, 160345445716, 183251937961, 206158430206, 229064922451, 251971414696, 274877906944
        168: 366503875925, 458129844906, 549755813887, 641381782868, 733007751849, 824633720830, 916259689811, 1007885658792
        176: 1099511627776, 1466015503701, 1832519379626, 2199023255551, 2565527131476, 2932031007401, 3298534883326, 3665038759251
        184: 4031542635176, 4398046511104, 5864062014805, 7330077518506, 8796093022207, 10262108525908, 11728124029609, 13194139533310
        192: 14660155037011, 16126170540712, 17592186044416, 23456248059221, 29320310074026, 35184372088831, 41048434103636, 46912496118441
        200: 52776558133246, 58640620148051, 64504682162856, 70368744177664, 93824992236885, 117281240296106, 140737488355327, 164193736414548
        208: 187649984473769, 211106232532990, 234562480592211, 258018728651432, 281474976710656, 375299968947541, 469124961184426, 562949953421311
        216: 656774945658196, 750599937895081, 844424930131966, 938249922368851, 1032074914605736, 1125899906842624, 1501199875790165, 1876499844737706
        224: 2251799813685247, 2627099782632788, 3002399751580329, 3377699720527870, 3752999689475411, 4128299658422952, 4503599627370496, 6004799503160661
        232: 7505999378950826, 9007199254740991, 10508399130531156, 12009599006321321, 13510798882111486, 15011998757901651, 16513198633691816, 18014398509481984
        240: 24019198012642645, 30023997515803306, 36028797018963967, 42033596522124628, 48038396025285289, 54043195528445950, 60047995031606611, 66052794534767272
        248: 72057594037927936, 96076792050570581, 120095990063213226, 144115188075855871, 168134386088498516, 192153584101141161, 216172782113783806, 240191980126426451
        256: 264211178139069096, 288230376151711744, 384307168202282325, 480383960252852906, 576460752303423487, 672537544353994068, 768614336404564649, 864691128455135230
        264: 960767920505705811, 1056844712556276392, 1152921504606846976, 1537228672809129301, 1921535841011411626, 2305843009213693951, 2690150177415976276, 3074457345618258601
        272: 3458764513820540926, 3843071682022823251, 4227378850225105576, 9223372036854775807
        """

    @Test("all 276 values match the spec table")
    func valuesMatchSpec() {
        var expected: [Int64] = []
        for line in Self.specTable.split(separator: "\n") {
            let parts = line.split(separator: ":")
            #expect(Int(parts[0].trimmingPrefix(while: \.isWhitespace)) == expected.count)
            expected += parts[1].split(separator: ",").map { Int64($0.trimmingPrefix(while: \.isWhitespace))! }
        }
        #expect(expected.count == 276)
        #expect(PercentileBuckets.count == 276)
        #expect(PercentileBuckets.values == expected)
    }

    @Test(
        "index(of:) on the spec's vectors",
        arguments: [
            (-1, 0), (0, 0), (1, 1), (4, 4), (5, 5), (14, 14), (15, 15), (16, 15), (21, 16), (63, 24), (64, 24),
            (87, 25), (256, 33), (1000, 41), (1_000_000, 86), (10_000_000, 100), (1_000_000_000, 131),
            (60_000_000_000, 157), (1 << 62, 275), (Int64.max, 275), (Int64.min, 0),
        ] as [(Int64, Int)]
    )
    func indexVectors(value: Int64, index: Int) {
        #expect(PercentileBuckets.index(of: value) == index)
    }

    @Test("bucket values and tags of the spec's vectors")
    func bucketVectors() {
        #expect(PercentileBuckets.bucket(of: -1) == 1)
        #expect(PercentileBuckets.bucket(of: 87) == 106)
        #expect(PercentileBuckets.bucket(of: 1_000_000) == 1_048_576)
        #expect(PercentileBuckets.bucket(of: 10_000_000) == 11_184_809)
        #expect(PercentileBuckets.bucket(of: 1_000_000_000) == 1_073_741_824)
        #expect(PercentileBuckets.bucket(of: 60_000_000_000) == 62_992_853_672)
        #expect(PercentileBuckets.timerTagValues[PercentileBuckets.index(of: -1)] == "T0000")
        #expect(PercentileBuckets.timerTagValues[PercentileBuckets.index(of: 87)] == "T0019")
        #expect(PercentileBuckets.timerTagValues[PercentileBuckets.index(of: 10_000_000)] == "T0064")
        #expect(PercentileBuckets.timerTagValues[PercentileBuckets.index(of: 1_000_000_000)] == "T0083")
        #expect(PercentileBuckets.timerTagValues[PercentileBuckets.index(of: 60_000_000_000)] == "T009D")
        #expect(PercentileBuckets.timerTagValues[PercentileBuckets.index(of: .max)] == "T0113")
        #expect(PercentileBuckets.distributionTagValues[42] == "D002A")
        #expect(Set(PercentileBuckets.timerTagValues).count == 276)
    }

    /// The first bucket strictly greater than `value`, except for the values past the last step below
    /// the next power of four (15; 61–63; 253–255; …), which go one bucket further (PercentileBuckets.java `indexOf`).
    static func referenceIndex(_ value: Int64) -> Int {
        let values = PercentileBuckets.values
        if value <= 0 { return 0 }
        var index = values.firstIndex { $0 > value }!
        if value >= 4 {
            var powerOf4: Int64 = 4
            while powerOf4 * 4 <= value { powerOf4 *= 4 }
            let lastStep = values.last { $0 < powerOf4 * 4 }!
            if value >= lastStep + powerOf4 / 3 { index += 1 }
        }
        return index
    }

    @Test("index(of:) agrees with an independent reference for 0…100 000")
    func exhaustiveAgreement() {
        var mismatches: [Int64] = []
        for value in Int64(0)...100_000 where PercentileBuckets.index(of: value) != Self.referenceIndex(value) {
            mismatches.append(value)
        }
        #expect(mismatches.isEmpty)
    }

    /// Spectator's `indexOf`, transcribed literally (with its 64-bit division).
    static func spectatorIndexOf(_ value: Int64) -> Int {
        if value <= 0 { return 0 }
        if value <= 4 { return Int(value) }
        var shift = 64 - value.leadingZeroBitCount - 1
        let previousPowerOf2 = (value >> shift) << shift
        var previousPowerOf4 = previousPowerOf2
        if shift % 2 != 0 {
            shift -= 1
            previousPowerOf4 = previousPowerOf2 >> 1
        }
        let delta = previousPowerOf4 / 3
        let offset = Int((value - previousPowerOf4) / delta)
        let powerOf4Index = [0, 3] + (1..<31).map { 14 + 9 * ($0 - 1) }
        let position = offset + powerOf4Index[shift / 2]
        return position >= 275 ? 275 : position + 1
    }

    @Test("index(of:) matches Spectator's division arithmetic around every bucket value and on random values")
    func matchesDivisionEverywhere() {
        var values: [Int64] = PercentileBuckets.values.flatMap { [$0 &- 1, $0, $0 == .max ? $0 : $0 + 1] }
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200_000 {
            values.append(Int64.random(in: 0...(.max >> Int64.random(in: 0...62, using: &random)), using: &random))
        }
        let mismatches = values.filter { PercentileBuckets.index(of: $0) != Self.spectatorIndexOf($0) }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    @Test("the index arithmetic's tables are Spectator's: first index of each power of four, reciprocal steps")
    func indexTables() {
        let powerOf4Index = PercentileBuckets.makeValues().powerOf4Index
        #expect(powerOf4Index.count == 32)
        for k in 1..<32 { #expect(PercentileBuckets.firstIndex(ofPowerOf4: k) == powerOf4Index[k], "k = \(k)") }
        let reciprocals = (0..<32).map { exponent in
            let delta = (Int64(1) &<< (2 * Int64(exponent))) / 3
            return delta > 0 ? 1 / Double(delta) : 0
        }
        #expect(PercentileBuckets.reciprocalOfDelta == reciprocals)
    }

    @Test("every non-negative value fits its bucket: value <= bucket(value)")
    func valueFitsBucket() {
        var value: Int64 = 0
        while value < Int64.max / 3 {
            #expect(value <= PercentileBuckets.bucket(of: value))
            value = value * 3 / 2 + 1
        }
    }

    @Test("uniform 0…100 000 gives every percentile within 10 %")
    func percentilesOfUniformData() {
        var counts = [UInt64](repeating: 0, count: PercentileBuckets.count)
        for value in Int64(0)...100_000 {
            counts[PercentileBuckets.index(of: value)] += 1
        }
        let requested: [Double] = [10, 25, 50, 75, 90, 95, 98, 99, 99.5, 100]
        let estimates = PercentileBuckets.percentiles(requested, counts: counts)
        for (percentile, estimate) in zip(requested, estimates) {
            let exact = percentile * 1000
            #expect(abs(estimate - exact) / exact <= 0.1, "p\(percentile): \(estimate) vs \(exact)")
        }
        #expect(PercentileBuckets.percentile(50, counts: counts) == estimates[2])
    }

    @Test("percentiles of nothing are 0")
    func percentilesOfNothing() {
        #expect(PercentileBuckets.percentiles([50, 99], counts: []) == [0, 0])
        #expect(PercentileBuckets.percentile(99, counts: Array(repeating: 0, count: 276)) == 0)
    }
}
