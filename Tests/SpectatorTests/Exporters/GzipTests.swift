import SpectatorTestSupport
import Testing

@testable import Spectator

@Suite("Gzip")
struct GzipTests {
    @Test("compresses into a gzip stream that decompresses to the input")
    func roundTrip() throws {
        let text = Array(
            String(repeating: #"{"tags":{"name":"requests","statistic":"count"},"value":1},"#, count: 500).utf8
        )
        let compressed = try #require(Gzip.compress(text))
        #expect(compressed.prefix(2) == [0x1F, 0x8B])
        #expect(compressed.count < text.count / 10)
        #expect(gunzip(compressed) == text)
        #expect(gunzip(try #require(Gzip.compress([]))) == [])
    }
}
