extension Publisher {
    /// The exporter for the configured location. HTTP goes over ``SpectatorConfiguration/httpTransport``
    /// when one is set, else plain `http://` over ``SocketHTTPTransport``; `https://` without a
    /// transport is reported once and every step is dropped.
    static func makeExporter(_ configuration: SpectatorConfiguration, clock: any SpectatorClock) -> any Exporter {
        let commonTags = CommonTags.sanitized(configuration.effectiveCommonTags)
        let lines = LineProtocolFormat(commonTags: commonTags)
        switch configuration.outputLocation {
        case .none:
            return DiscardingExporter()
        case .memory(let output):
            return LineStreamExporter(format: lines, transport: output)
        case .stdout:
            return LineStreamExporter(format: lines, transport: StreamTransport(.standardOutput))
        case .console:
            return ConsoleExporter(transport: StreamTransport(.standardOutput), step: configuration.step)
        case .stderr:
            return LineStreamExporter(format: lines, transport: StreamTransport(.standardError))
        case .file(let path):
            return LineStreamExporter(format: lines, transport: StreamTransport(.file(path: path)))
        case .udp(let host, let port):
            return LineDatagramExporter(format: lines, transport: DatagramSocket(.udp(host: host, port: port)))
        case .unix(let path):
            return LineDatagramExporter(format: lines, transport: DatagramSocket(.unix(path: path)))
        case .http(let endpoint):
            let format: JSONBodyFormat =
                configuration.outputLocation.isAtlasPublish
                ? .atlasPublish(AtlasPublishFormat(commonTags: commonTags), step: configuration.step)
                : .aggregatorUpdate(AggregatorUpdateFormat(commonTags: commonTags))
            let transport: any HTTPTransport
            if let configured = configuration.httpTransport {
                transport = configured
            } else if endpoint.isSecure {
                configuration.log(.noTLSTransport(endpoint))
                transport = NoTLSTransport()
            } else {
                transport = SocketHTTPTransport()
            }
            return HTTPExporter(
                format: format,
                endpoint: endpoint,
                transport: transport,
                batchSize: configuration.batchSize,
                step: configuration.step,
                timeout: min(configuration.httpTimeout, configuration.step),
                clock: clock
            )
        }
    }
}
