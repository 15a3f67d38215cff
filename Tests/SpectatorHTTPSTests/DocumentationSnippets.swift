#if HTTPS
// The README and DocC snippets that use SpectatorHTTPS, verbatim (less their `import` lines), so that the
// test build compiles them; `DocumentationSnippetTests` (SpectatorTests) checks that they still
// appear here as written. Nothing here runs.

import Spectator
import SpectatorHTTPS

private enum DocCSnippets {
    static func httpsTransport() {
        var configuration = SpectatorConfiguration()  // SPECTATOR_OUTPUT_LOCATION=https://…/api/v1/publish
        configuration.httpTransport = AsyncHTTPTransport()
        let publisher = Publisher(registry: Registry(configuration: configuration), configuration: configuration)
        _ = publisher
    }

    static func privateCertificateAuthority(configuration: inout SpectatorConfiguration) throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile("/etc/ssl/private/our-ca.pem"))
        configuration.httpTransport = AsyncHTTPTransport(tlsConfiguration: tls)
    }
}
#endif
