#if HTTPS
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// An HTTPS/1.1 server on 127.0.0.1 (SwiftNIO and NIOSSL) that records requests and answers as told.
final class TLSTestServer: Sendable {
    enum Answer: Sendable {
        case status(Int, body: String = "{}")
        /// A body of `count` bytes.
        case large(count: Int)
        /// Read the request and never answer.
        case silence
    }

    struct Request: Sendable {
        let method: String
        let uri: String
        let headers: [String: String]
        let body: [UInt8]
    }

    private let channel: any Channel
    private let state: NIOLockedValueBox<(requests: [Request], answers: [Answer])>

    var port: Int { channel.localAddress?.port ?? 0 }

    var requests: [Request] { state.withLockedValue { $0.requests } }

    /// Listens on a free port of 127.0.0.1 with `certificate`; `answers` in order, the last one repeating.
    init(certificate: TestCertificate, answers: [Answer]) throws {
        let state = NIOLockedValueBox((requests: [Request](), answers: answers))
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(certificate.certificate)],
            privateKey: .privateKey(certificate.privateKey)
        )
        let context = try NIOSSLContext(configuration: configuration)
        channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Responder(state: state))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .wait()
        self.state = state
    }

    func url(_ path: String) -> String { "https://127.0.0.1:\(port)\(path)" }

    func stop() {
        try? channel.close().wait()
    }

    /// Records each request and writes the next answer.
    private final class Responder: ChannelInboundHandler, Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let state: NIOLockedValueBox<(requests: [Request], answers: [Answer])>
        private let partial = NIOLockedValueBox<(head: HTTPRequestHead?, body: [UInt8])>((nil, []))

        init(state: NIOLockedValueBox<(requests: [Request], answers: [Answer])>) {
            self.state = state
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                partial.withLockedValue { $0 = (head, []) }
            case .body(let buffer):
                partial.withLockedValue { $0.body += buffer.readableBytesView }
            case .end:
                let (head, body) = partial.withLockedValue { $0 }
                guard let head else { return }
                var headers: [String: String] = [:]
                for (name, value) in head.headers { headers[name.lowercased()] = value }
                let request = Request(method: "\(head.method)", uri: head.uri, headers: headers, body: body)
                let answer = state.withLockedValue { state in
                    state.requests.append(request)
                    return state.answers.count > 1 ? state.answers.removeFirst() : state.answers[0]
                }
                respond(answer, context: context)
            }
        }

        private func respond(_ answer: Answer, context: ChannelHandlerContext) {
            let status: Int
            let body: [UInt8]
            switch answer {
            case .silence: return
            case .status(let code, let text): (status, body) = (code, Array(text.utf8))
            case .large(let count): (status, body) = (200, [UInt8](repeating: UInt8(ascii: "x"), count: count))
            }
            var headers = HTTPHeaders([("content-type", "application/json"), ("content-length", "\(body.count)")])
            headers.add(name: "connection", value: "keep-alive")
            let head = HTTPResponseHead(version: .http1_1, status: .init(statusCode: status), headers: headers)
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
#endif
