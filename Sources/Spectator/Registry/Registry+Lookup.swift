// How a registry finds a meter by name and tags, or by id, and files a new one: the lookup plumbing
// behind the factories of Registry.swift.

extension Registry {
    // The warm path is inlined into the caller so that a `tags:` literal stays on the caller's
    // stack: the array behind `KeyValuePairs` is only heap-allocated when it escapes into a call
    // the compiler cannot see through (the allocation gate catches that). Small tags are read as
    // their strings' words (`SmallStringsKey`), others copied byte-wise (`CopiedStringsKey`), both into
    // stack buffers; only the cold path copies a string.

    /// The meter named `name` with `tags`, created by `make` (the type's own by default) if there is
    /// none: found through the tags' words (``SmallStringsKey``), else through their copied text
    /// (``CopiedStringsKey``), else registered.
    @inlinable @inline(__always)
    func meter<M: RegisteredMeter, Tags: Collection<(key: String, value: String)>>(
        named name: String,
        tags: Tags,
        make: (MeterId, any SpectatorClock) -> M = M.make
    ) -> M {
        if let found: M = existingMeter(name, tags) {
            return found
        }
        return meterByCopiedStrings(name, tags, make: make)
    }

    /// The meter named `name` with tags held in a run-time collection: ``meter(named:tags:make:)`` with the
    /// copying path out of line. Inlined, that path's run-time-sized stack space costs the warm path
    /// about 90 instructions; out of line it costs a `tags:` literal of constants its place as a static
    /// object, which a run-time collection never is.
    @inlinable @inline(__always)
    func meter<M: RegisteredMeter, Tags: Collection<(key: String, value: String)>>(
        named name: String,
        runtimeTags tags: Tags
    ) -> M {
        if let found: M = existingMeter(name, tags) {
            return found
        }
        return meterByCopiedStringsOutOfLine(name, tags)
    }

    /// ``meterByCopiedStrings(_:_:make:)``, called.
    @inlinable @inline(never)
    func meterByCopiedStringsOutOfLine<M: RegisteredMeter, Tags: Collection<(key: String, value: String)>>(
        _ name: String,
        _ tags: Tags
    ) -> M {
        meterByCopiedStrings(name, tags, make: M.make)
    }

    /// The meter named `name` with `tags`, if it is filed under that text and every tag key and
    /// value is a small string (``SmallStringsKey``).
    @inlinable @inline(__always)
    func existingMeter<M: RegisteredMeter, Tags: Collection<(key: String, value: String)>>(
        _ name: String,
        _ tags: Tags
    ) -> M? {
        SmallStringsKey.withKey(name: name, tags: tags, seed: lookup.seed) { lookup.find($0, as: M.self) }
    }

    /// The meter named `name` with `tags`, found by their copied text (``CopiedStringsKey``), or created by
    /// `make` if there is none.
    @inlinable @inline(__always)
    func meterByCopiedStrings<M: RegisteredMeter, Tags: Collection<(key: String, value: String)>>(
        _ name: String,
        _ tags: Tags,
        make: (MeterId, any SpectatorClock) -> M
    ) -> M {
        CopiedStringsKey.withKey(name: name, tags: tags, seed: lookup.seed) { key in
            if let found = lookup.find(key, as: M.self) {
                return found
            }
            return register(key, name: name, tags: Array(tags), make: make)
        }
    }

    /// The meter with `id`, created by `make` (the type's own by default) if there is none.
    @inlinable @inline(__always)
    func meter<M: RegisteredMeter>(withId id: MeterId, make: (MeterId, any SpectatorClock) -> M = M.make) -> M {
        if let found = lookup.find(MeterIdKey(id), as: M.self) {
            return found
        }
        return register(id, make: make)
    }

    /// The cold path for a caller's text, `key`, of `name` and `tags`: registers their id (or finds
    /// it registered) and files the text. It takes the tags as a copy: the caller's `tags:` literal
    /// never reaches a function the compiler cannot see into, so it stays on the caller's stack.
    @usableFromInline
    func register<M: RegisteredMeter>(
        _ key: CopiedStringsKey,
        name: String,
        tags: [(key: String, value: String)],
        make: (MeterId, any SpectatorClock) -> M
    ) -> M {
        guard let meter: M = store.resolve(MeterId(name, tagPairs: tags), make: make) else { return M.noop }
        lookup.insert(key, meter: meter)
        return meter
    }

    /// The cold path for an id: registers it (or finds it registered) and files it.
    @usableFromInline
    func register<M: RegisteredMeter>(_ id: MeterId, make: (MeterId, any SpectatorClock) -> M) -> M {
        guard let meter: M = store.resolve(id, make: make) else { return M.noop }
        lookup.insert(MeterIdKey(meter.id), meter: meter)
        return meter
    }
}
