/// Collects a meter of a type chosen at run time into a writer.
struct MeterCollection<Writer: MeasurementWriter>: MeterTypeVisitor {
    let meter: AnyObject
    let writer: UnsafeMutablePointer<Writer>
    var isActive = false

    mutating func visit<M: RegisteredMeter>(_ type: M.Type) {
        isActive = unsafeDowncast(meter, to: M.self).collect(into: &writer.pointee)
    }
}
