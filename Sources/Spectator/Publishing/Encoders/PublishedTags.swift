/// The tags a measurement is published with, in key order, without building them: common tags,
/// overridden by the meter's own tags, overridden by `percentile` and `statistic`.
enum PublishedTags {
    /// Calls `body` once per published tag, in key order.
    ///
    /// - Parameter common: sorted by key, as ``CommonTags/sanitized(_:)`` returns them; pass `[]` for
    ///   formats that carry common tags separately.
    @inline(__always)
    static func forEach(
        of measurement: MeterMeasurement,
        common: [Tag],
        _ body: (_ key: String, _ value: String) -> Void
    ) {
        if common.isEmpty {
            forEachWithoutCommonTags(of: measurement, body)
            return
        }
        let own = measurement.id.tags
        var extra: (first: (key: String, value: String)?, second: (key: String, value: String)?) = (nil, nil)
        if let percentile = measurement.percentile {
            extra.first = ("percentile", percentile)
        }
        if let statistic = measurement.statistic {
            if extra.first == nil {
                extra.first = ("statistic", statistic.rawValue)
            } else {
                extra.second = ("statistic", statistic.rawValue)
            }
        }
        var commonIndex = 0
        var ownIndex = 0
        while true {
            let commonKey = commonIndex < common.count ? common[commonIndex].key : nil
            let ownKey = ownIndex < own.count ? own[ownIndex].key : nil
            let extraKey = extra.first?.key
            guard let next = smaller(smaller(commonKey, ownKey), extraKey) else { return }
            if extraKey == next, let tag = extra.first {
                body(tag.key, tag.value)
                extra = (extra.second, nil)
            } else if ownKey == next {
                body(next, own[ownIndex].value)
            } else {
                body(next, common[commonIndex].value)
            }
            if ownKey == next { ownIndex += 1 }
            if commonKey == next { commonIndex += 1 }
        }
    }

    /// The common case, with no common tags to merge: the meter's tags with `percentile` and
    /// `statistic` put in the places the id computed once.
    @inline(__always)
    private static func forEachWithoutCommonTags(
        of measurement: MeterMeasurement,
        _ body: (_ key: String, _ value: String) -> Void
    ) {
        let own = measurement.id.tags
        let slots = measurement.id.publishedTagSlots
        let percentile = measurement.percentile
        let statistic = measurement.statistic?.rawValue
        for index in 0...own.count {
            if index == slots.percentile, let percentile { body("percentile", percentile) }
            if index == slots.statistic, let statistic { body("statistic", statistic) }
            guard index < own.count else { return }
            let overridden =
                (index == slots.percentile && slots.hasPercentile && percentile != nil)
                || (index == slots.statistic && slots.hasStatistic && statistic != nil)
            if !overridden { body(own[index].key, own[index].value) }
        }
    }

    @inline(__always)
    private static func smaller(_ left: String?, _ right: String?) -> String? {
        guard let left else { return right }
        guard let right else { return left }
        return right < left ? right : left
    }
}
