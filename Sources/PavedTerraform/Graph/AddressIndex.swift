/// Where each resource address is first declared, found by binary search rather than hashing.
///
/// Synthesis hands the checker its blocks in address order already, so building the index is one
/// pass that compares each address with the one before it; other configurations are sorted once.
/// Equal addresses end up side by side, which is how duplicates are found.
struct AddressIndex: Sendable {
    /// One (mode, type) and where its blocks sit in `names` and `firstDeclaration`.
    struct TypeRange: Sendable {
        var mode: ResourceAddress.Mode
        var type: String
        var range: Range<Int>
    }

    /// Every (mode, type), in address order.
    private(set) var types: [TypeRange] = []
    /// Distinct names, in address order within each type.
    private(set) var names: [String] = []
    /// For each entry of `names`: the index of the block that declares it first.
    private(set) var firstDeclaration: [Int] = []
    /// Blocks whose address an earlier block already has, with that block's index, in declaration order.
    private(set) var duplicates: [(index: Int, first: Int)] = []
    /// For each entry of `names`, its ``NameKey``; empty when a name is not ASCII (then names are
    /// compared as strings).
    private var keys: [NameKey] = []

    init(_ resources: UnsafeBufferPointer<Resource>) {
        let sorted = AddressOrder.isSorted(resources, strictly: false)
        // Equal addresses keep declaration order, so the first of a run is the first declaration.
        let order: [Int]? = sorted ? nil : resources.indices.sorted {
            let a = resources[$0].address, b = resources[$1].address
            return a < b || (a == b && $0 < $1)
        }
        names.reserveCapacity(resources.count)
        firstDeclaration.reserveCapacity(resources.count)
        for k in resources.indices {
            let i = order?[k] ?? k
            let address = resources[i].address
            if let last = types.last, last.mode == address.mode, last.type == address.type {
                if names[names.count - 1] == address.name {
                    duplicates.append((i, firstDeclaration[firstDeclaration.count - 1]))
                    continue
                }
            } else {
                if !types.isEmpty { types[types.count - 1].range = types[types.count - 1].range.lowerBound..<names.count }
                types.append(TypeRange(mode: address.mode, type: address.type, range: names.count..<names.count))
            }
            names.append(address.name)
            firstDeclaration.append(i)
        }
        if !types.isEmpty { types[types.count - 1].range = types[types.count - 1].range.lowerBound..<names.count }
        duplicates.sort { $0.index < $1.index }
        keys = Self.keys(names)
    }

    /// The names' keys, made on every core for large configurations; empty when a name has none.
    private static func keys(_ names: [String]) -> [NameKey] {
        let parts = Parallel.map(names.count, chunkSize: 16_384) { range -> [NameKey]? in
            var keys: [NameKey] = []
            keys.reserveCapacity(range.count)
            for i in range {
                guard let key = NameKey(names[i]) else { return nil }
                keys.append(key)
            }
            return keys
        }
        var keys: [NameKey] = []
        keys.reserveCapacity(names.count)
        for part in parts {
            guard let part else { return [] }
            keys += part
        }
        return keys
    }

    /// The index of the block that first declares `address`, or nil when none does.
    func first(_ address: ResourceAddress) -> Int? {
        withLookup { $0.first(address) }
    }

    /// Calls `body` with a view of the index that reads its arrays in place. Many lookups go
    /// through one view: a lookup through the index itself retains and releases its arrays, and
    /// lookups on every core at once contend for those reference counts.
    func withLookup<R>(_ body: (Lookup) -> R) -> R {
        types.withUnsafeBufferPointer { types in
            names.withUnsafeBufferPointer { names in
                keys.withUnsafeBufferPointer { keys in
                    firstDeclaration.withUnsafeBufferPointer { first in
                        body(Lookup(types: types, names: names, keys: keys, firstDeclaration: first))
                    }
                }
            }
        }
    }

    /// The index's arrays, read in place (valid inside ``withLookup(_:)`` only).
    struct Lookup {
        let types: UnsafeBufferPointer<TypeRange>
        let names: UnsafeBufferPointer<String>
        let keys: UnsafeBufferPointer<NameKey>
        let firstDeclaration: UnsafeBufferPointer<Int>

        /// The index of the block that first declares `address`, or nil when none does.
        func first(_ address: ResourceAddress) -> Int? {
            // Few types: a binary search over them, then over the names of the one found.
            var low = 0, high = types.count
            while low < high {
                let mid = (low + high) / 2
                let mode = types[mid].mode
                if mode == address.mode && types[mid].type == address.type {
                    return first(named: address.name, in: types[mid].range)
                }
                if mode != address.mode ? mode == .managed : types[mid].type < address.type {
                    low = mid + 1
                } else {
                    high = mid
                }
            }
            return nil
        }

        private func first(named name: String, in range: Range<Int>) -> Int? {
            var low = range.lowerBound, high = range.upperBound
            if !keys.isEmpty, let key = NameKey(name) {
                // Integer comparisons; the strings only when the first 16 bytes tie.
                while low < high {
                    let mid = (low + high) / 2
                    let k = keys[mid]
                    if k < key || (k == key && names[mid] < name) { low = mid + 1 } else { high = mid }
                }
            } else {
                while low < high {
                    let mid = (low + high) / 2
                    if names[mid] < name { low = mid + 1 } else { high = mid }
                }
            }
            return low < range.upperBound && names[low] == name ? firstDeclaration[low] : nil
        }
    }
}

/// The first 16 bytes of an ASCII name as two big-endian integers, zero-padded. For ASCII
/// strings, which contain no zero byte, comparing keys orders names as `String`'s `<` does,
/// up to their first 16 bytes (`String` orders ASCII text byte by byte).
struct NameKey: Sendable, Comparable {
    private var high: UInt64 = 0
    private var low: UInt64 = 0

    /// Nil when `name` is not ASCII or contains a zero byte.
    init?(_ name: String) {
        var name = name  // a small string's bytes are then read in place
        guard let (high, low) = name.withUTF8({ bytes -> (UInt64, UInt64)? in
            guard let base = bytes.baseAddress else { return (0, 0) }
            let n = bytes.count
            // Every byte ASCII and not zero: eight at a time, then the rest.
            var i = 0
            while i + 8 <= n {
                let w = UInt64(loadingFrom: base + i)
                if w & .everyByteHigh != 0 || w.hasByte(below: 1) { return nil }
                i += 8
            }
            while i < n {
                if base[i] == 0 || base[i] >= 0x80 { return nil }
                i += 1
            }
            // Bytes `at..<at + 8` as a big-endian integer, zero-padded past the end.
            func word(_ at: Int) -> UInt64 {
                if at + 8 <= n { return UInt64(loadingFrom: base + at).bigEndian }
                var w: UInt64 = 0
                for k in at..<Swift.max(at, n) { w |= UInt64(base[k]) << (56 - 8 * (k - at)) }
                return w
            }
            return (word(0), word(8))
        }) else { return nil }
        self.high = high
        self.low = low
    }

    static func < (a: NameKey, b: NameKey) -> Bool {
        a.high < b.high || (a.high == b.high && a.low < b.low)
    }
}
