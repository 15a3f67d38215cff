#if HTTPS
import Foundation
import NIOSSL

/// A self-signed certificate for 127.0.0.1 and localhost, made at test time with `openssl`.
struct TestCertificate: Sendable {
    let certificate: NIOSSLCertificate
    let privateKey: NIOSSLPrivateKey

    /// A new key and certificate (P-256, valid for a day) named `commonName`.
    static func make(commonName: String = "spectator-test") throws -> TestCertificate {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spectator-tls-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = folder.appendingPathComponent("key.pem").path
        let certificate = folder.appendingPathComponent("certificate.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-days", "1", "-subj", "/CN=\(commonName)", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout", key, "-out", certificate,
        ]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else { throw OpenSSLFailed(status: openssl.terminationStatus) }
        guard let loaded = try NIOSSLCertificate.fromPEMFile(certificate).first else {
            throw OpenSSLFailed(status: 0)
        }
        return TestCertificate(
            certificate: loaded,
            privateKey: try NIOSSLPrivateKey(file: key, format: .pem)
        )
    }

    /// A client configuration that trusts this certificate alone, with full verification.
    var trustingClient: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates([certificate])
        configuration.certificateVerification = .fullVerification
        return configuration
    }

    struct OpenSSLFailed: Error {
        let status: Int32
    }
}
#endif
