import Testing

@testable import Spectator

@Suite("HTTPEndpoint")
struct HTTPEndpointTests {
    @Test("scheme, host, port (given or the scheme's), target; IPv6 brackets dropped; the fragment dropped")
    func parts() throws {
        let plain = try #require(HTTPEndpoint(parsing: "http://localhost:7101/api/v1/publish?x=1#top"))
        #expect(!plain.isSecure && plain.host == "localhost" && plain.port == 7101)
        #expect(plain.target == "/api/v1/publish?x=1" && plain.path == "/api/v1/publish")
        let secure = try #require(HTTPEndpoint(parsing: "HTTPS://atlas.example.com"))
        #expect(secure.isSecure && secure.scheme == "https" && secure.port == 443 && secure.target == "/")
        let v6 = try #require(HTTPEndpoint(parsing: "http://[::1]:8080/api/v4/update"))
        #expect(v6.host == "::1" && v6.port == 8080 && v6.hostHeader == "[::1]:8080")
        #expect(HTTPEndpoint(parsing: "http://[::1]")?.port == 80)
        #expect(HTTPEndpoint(parsing: "http://h?q=1")?.target == "/?q=1")
    }

    @Test(
        "refuses what it cannot post to",
        arguments: [
            "", "http://", "http:///path", "https://:443/x", "http://host:0/", "http://host:65536/", "http://host:x/",
            "http://user@host/", "http://[::1/", "http://[::1]x/", "http://host /x", "http://host/a b", "ftp://host/",
            "http:/host", "udp://host:1",
        ]
    )
    func refuses(text: String) {
        #expect(HTTPEndpoint(parsing: text) == nil)
    }

    @Test("descriptions round-trip; an absent path is written as /")
    func descriptions() {
        for text in ["http://h:1/api/v4/update", "https://[::1]:8443/p?q=1", "http://example.com/"] {
            #expect(HTTPEndpoint(parsing: text)?.description == text)
        }
        #expect(HTTPEndpoint(parsing: "https://example.com")?.description == "https://example.com/")
    }
}
