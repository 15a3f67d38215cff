/// Collects a meter of a type chosen at run time into a writer. The meter is held unretained: the
/// caller keeps it alive for the visit.
struct MeterCollector<Writer: MeasurementWriter>: MeterTypeVisitor {
    let meter: Unmanaged<AnyObject>
    let writer: UnsafeMutablePointer<Writer>
    var isActive = false

    mutating func visit<M: RegisteredMeter>(_ type: M.Type) {
        isActive = meter._withUnsafeGuaranteedRef { unsafeDowncast($0, to: M.self).collect(into: &writer.pointee) }
    }
}
