extension Publisher {
    /// The sender for the configured output. HTTP goes over ``SpectatorConfiguration/httpTransport``
    /// when one is set, else plain `http://` over ``SocketHTTPTransport``; `https://` without a
    /// transport is reported once and every step is dropped.
    static func makeSender(_ configuration: SpectatorConfiguration, clock: any SpectatorClock) -> any MeasurementSender
    {
        let commonTags = CommonTags.sanitized(configuration.effectiveCommonTags)
        let lines = LineProtocolEncoder(commonTags: commonTags)
        switch configuration.outputLocation {
        case .none:
            return DiscardingSender()
        case .memory(let output):
            return MemorySender(encoder: lines, output: output)
        case .stdout:
            return StreamSender(encoder: lines, writer: StreamWriter(.standardOutput))
        case .stderr:
            return StreamSender(encoder: lines, writer: StreamWriter(.standardError))
        case .file(let path):
            return StreamSender(encoder: lines, writer: StreamWriter(.file(path: path)))
        case .udp(let host, let port):
            return DatagramSender(encoder: lines, socket: DatagramSocket(.udp(host: host, port: port)))
        case .unix(let path):
            return DatagramSender(encoder: lines, socket: DatagramSocket(.unix(path: path)))
        case .http(let endpoint):
            let format: HTTPSender.Format =
                configuration.outputLocation.isAtlasPublish
                ? .atlasPublish(AtlasPublishEncoder(commonTags: commonTags))
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
            return HTTPSender(
                endpoint: endpoint,
                format: format,
                transport: transport,
                batchSize: configuration.batchSize,
                step: configuration.step,
                timeout: min(configuration.httpTimeout, configuration.step),
                clock: clock
            )
        }
    }
}
