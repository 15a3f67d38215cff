// How a registry finds a meter by name and tags, or by id, and files a new one: the lookup plumbing
// behind the factories of Registry.swift.

extension Registry {
    // The warm path is inlined into the caller so that a `tags:` literal stays on the caller's
    // stack: the array behind `KeyValuePairs` is only heap-allocated when it escapes into a call
    // the compiler cannot see through (the allocation gate catches that). Small tags are read as
    // their strings' words (`StringWordsKey`), others spelled byte-wise (`WireBytesKey`), both into
    // stack buffers; only the cold path copies a string.

    /// The meter named `name` with `tags`, created by `make` (the type's own by default) if there is
    /// none: found through the tags' words (``StringWordsKey``), else through their spelling
    /// (``WireBytesKey``), else registered.
    @inlinable @inline(__always)
    func meter<M: RegisteredMeter, Tags: Collection<(key: String, value: String)>>(
        named name: String,
        tags: Tags,
        make: (MeterId, any SpectatorClock) -> M = M.make
    ) -> M {
        if let found: M = existingMeter(name, tags) {
            return found
        }
        return spelledMeter(name, tags, make: make)
    }

    /// The meter named `name` with tags held in a run-time collection: ``meter(named:tags:make:)`` with the
    /// spelled path out of line. Inlined, that path's run-time-sized stack space costs the warm path
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
        return spelledMeterOutOfLine(name, tags)
    }

    /// ``spelledMeter(_:_:make:)``, called.
    @inlinable @inline(never)
    func spelledMeterOutOfLine<M: RegisteredMeter, Tags: Collection<(key: String, value: String)>>(
        _ name: String,
        _ tags: Tags
    ) -> M {
        spelledMeter(name, tags, make: M.make)
    }

    /// The meter named `name` with `tags`, if it is filed under that spelling and every tag key and
    /// value is a small string (``StringWordsKey``).
    @inlinable @inline(__always)
    func existingMeter<M: RegisteredMeter, Tags: Collection<(key: String, value: String)>>(
        _ name: String,
        _ tags: Tags
    ) -> M? {
        StringWordsKey.withKey(name: name, tags: tags, seed: lookup.seed) { lookup.find($0, as: M.self) }
    }

    /// The meter named `name` with `tags`, found by their spelling (``WireBytesKey``), or created by
    /// `make` if there is none.
    @inlinable @inline(__always)
    func spelledMeter<M: RegisteredMeter, Tags: Collection<(key: String, value: String)>>(
        _ name: String,
        _ tags: Tags,
        make: (MeterId, any SpectatorClock) -> M
    ) -> M {
        WireBytesKey.withKey(name: name, tags: tags, seed: lookup.seed) { spelling in
            if let found = lookup.find(spelling, as: M.self) {
                return found
            }
            return register(spelling, name: name, tags: Array(tags), make: make)
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

    /// The cold path for a caller's spelling, `key`, of `name` and `tags`: registers their id (or finds
    /// it registered) and files the spelling. It takes the tags as a copy: the caller's `tags:` literal
    /// never reaches a function the compiler cannot see into, so it stays on the caller's stack.
    @usableFromInline
    func register<M: RegisteredMeter>(
        _ key: WireBytesKey,
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
