/// Why a transport could not deliver: the ``DropReason`` what it carried is counted under, and a
/// detail for the log.
struct TransportFailure: Error, Equatable {
    let reason: DropReason
    let detail: String

    init(_ reason: DropReason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }
}
