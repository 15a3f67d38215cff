/// spectator-java's cross-language test vectors for the distinct-count sketch
/// (`spectator-api/src/test/resources/distinct_count_sketch_test_vectors.txt`), the rows as they are:
/// `type input hash index rank`, tab-separated (`long` a signed decimal, `str` UTF-8, `bytes` hex),
/// then each sketch row's 64 registers. The 230-byte path is written as its ten repetitions.
enum SketchTestVectors {
    static let encodingRows = """
        long\t0\t34c96acdcadb1bbb\t59\t3
        long\t1\t9f29cb17a2a49995\t21\t1
        long\t-1\t85d136adb773c6c9\t9\t1
        long\t2\teac73e4044e82db0\t48\t1
        long\t7\t0876cd406afde455\t21\t5
        long\t42\tb556806fb6d14353\t19\t1
        long\t100\ta1df9c5cd454307a\t58\t1
        long\t1000\te53f2d22876c9a49\t9\t1
        long\t1000000\tf126194744ecba1e\t30\t1
        long\t123456789\tcb7c2941b198004d\t13\t1
        long\t-123456789\t6652a701f322f9c0\t0\t2
        long\t3405691582\t6b4aca62b5efd3db\t27\t2
        long\t9223372036854775807\tff70cc60366e770c\t12\t1
        long\t-9223372036854775808\t3f425eacf01544e0\t32\t3
        str\t\tef46db3751d8e999\t25\t1
        str\ta\td24ec4f1a98c6e5b\t27\t1
        str\tab\t65f708ca92d04a61\t33\t2
        str\tabc\t44bc2cf5ad770999\t25\t2
        str\tuser-12345\t64797fca50bfc10c\t12\t2
        str\t192.168.0.1\t87f49df2f9f76384\t4\t1
        str\t2001:db8::1\t26c33ef1c67e1031\t49\t3
        str\tkey=value,other:thing\td799484be9292024\t36\t1
        str\théllo\t3bd06310388ebbe4\t36\t3
        str\tnaïve\tc07351dc8a26afe6\t38\t1
        str\t世界\t6af6be193ab0db0f\t15\t2
        str\t日本語\t7179a19f3719f5e1\t33\t2
        str\t😀\t9025b8abaae87b80\t0\t1
        str\t👍🏽\t637d0995477b428c\t12\t2
        str\t\(String(repeating: "/api/v1/users/abcd1234/", count: 10))\t92c0d26c7c73d1a6\t38\t1
        bytes\t\tef46db3751d8e999\t25\t1
        bytes\t00\te934a84adb052768\t40\t1
        bytes\tff\t95634172a60b7544\t4\t1
        bytes\t0001020304050607\t884a173614b81b8d\t13\t1
        bytes\tdeadbeef\t2ff5cfb6af9aaf68\t40\t3
        bytes\tfffefd\t622529177845a110\t16\t2
        """

    /// Every encoding row's input recorded into one sketch.
    static let encodingInputsRegisters = registers(
        "2,0,0,0,1,0,0,0,0,1,0,0,2,1,0,2,2,0,0,1,0,5,0,0,0,2,0,2,0,0,1,0,3,2,0,0,3,0,1,0,3,0,0,0,0,0,0,0,1,3,0,0,0,0,0,0,0,0,1,3,0,0,0,0"
    )

    /// Every `Int64` in 0 ..< 100 000 recorded into one sketch (`longs:0:100000`).
    static let longsRegisters = registers(
        "15,12,13,11,10,10,13,11,11,11,12,10,9,10,13,12,12,10,9,12,11,10,12,9,12,12,11,14,9,16,17,14,11,12,9,12,11,12,13,15,12,20,12,13,10,11,11,11,11,12,11,9,15,14,10,12,14,11,13,10,13,10,9,14"
    )

    /// One encoding row.
    struct Row {
        enum Input {
            case long(Int64)
            case string(String)
            case bytes([UInt8])
        }

        let input: Input
        let hash: UInt64
        let register: Int
        let rank: Int
    }

    static var rows: [Row] {
        encodingRows.split(separator: "\n").map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let input: Row.Input =
                switch fields[0] {
                case "long": .long(Int64(fields[1])!)
                case "str": .string(fields[1])
                default: .bytes(hexBytes(fields[1]))
                }
            return Row(
                input: input,
                hash: UInt64(fields[2], radix: 16)!,
                register: Int(fields[3])!,
                rank: Int(fields[4])!
            )
        }
    }

    private static func registers(_ text: String) -> [Int] {
        text.split(separator: ",").map { Int($0)! }
    }

    private static func hexBytes(_ text: String) -> [UInt8] {
        let digits = Array(text.utf8)
        return stride(from: 0, to: digits.count, by: 2).map {
            UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)!
        }
    }
}
