extension Publisher {
    /// The output for the configured location. HTTP goes over ``SpectatorConfiguration/httpTransport``
    /// when one is set, else plain `http://` over ``SocketHTTPTransport``; `https://` without a
    /// transport is reported once and every step is dropped.
    static func makeOutput(_ configuration: SpectatorConfiguration, clock: any SpectatorClock) -> any StepOutput {
        let commonTags = CommonTags.sanitized(configuration.effectiveCommonTags)
        let lines = LineProtocolEncoder(commonTags: commonTags)
        switch configuration.outputLocation {
        case .none:
            return DiscardingOutput()
        case .memory(let output):
            return LineStreamOutput(encoder: lines, transport: output)
        case .stdout:
            return LineStreamOutput(encoder: lines, transport: StreamTransport(.standardOutput))
        case .console:
            return ConsoleOutput(transport: StreamTransport(.standardOutput), step: configuration.step)
        case .stderr:
            return LineStreamOutput(encoder: lines, transport: StreamTransport(.standardError))
        case .file(let path):
            return LineStreamOutput(encoder: lines, transport: StreamTransport(.file(path: path)))
        case .udp(let host, let port):
            return LineDatagramOutput(encoder: lines, transport: DatagramSocket(.udp(host: host, port: port)))
        case .unix(let path):
            return LineDatagramOutput(encoder: lines, transport: DatagramSocket(.unix(path: path)))
        case .http(let endpoint):
            let format: JSONFormat =
                configuration.outputLocation.isAtlasPublish
                ? .atlasPublish(AtlasPublishEncoder(commonTags: commonTags), step: configuration.step)
                : .aggregatorUpdate(AggregatorUpdateEncoder(commonTags: commonTags))
            let transport: any HTTPTransport
            if let configured = configuration.httpTransport {
                transport = configured
            } else if endpoint.isSecure {
                configuration.log(.noTLSTransport(endpoint))
                transport = NoTLSTransport()
            } else {
                transport = SocketHTTPTransport()
            }
            let delivery = HTTPDelivery(
                endpoint: endpoint,
                transport: transport,
                step: configuration.step,
                timeout: min(configuration.httpTimeout, configuration.step),
                clock: clock
            )
            return HTTPOutput(format: format, delivery: delivery, batchSize: configuration.batchSize)
        }
    }
}
