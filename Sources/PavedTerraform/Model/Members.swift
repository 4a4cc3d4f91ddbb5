/// The members of a Terraform object or block body: keys and values, kept sorted by key.
///
/// Reads like a `[String: Value]` (a subscript by key, `keys`, `values`, `for (key, value) in …`,
/// dictionary literals), but stores one array in the order the renderer writes: Unicode scalar
/// order of the keys, as ``JSONWriter`` sorts them. So rendering, comparing and walking a value need
/// no hashing and no sorting, and generated bindings, which add their arguments in that order,
/// build one without either.
///
/// Keys are unique: setting a key that is present replaces its value; of two equal keys given at
/// once, the later wins.
public struct Members: Sendable, Equatable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    public typealias Element = (key: String, value: Value)
    public typealias Index = Int

    /// Sorted by key, no key twice.
    @usableFromInline
    var storage: [Element]

    @inlinable
    public init() { storage = [] }

    /// The members of `dictionary`.
    public init(_ dictionary: [String: Value]) {
        storage = dictionary.map { (key: $0.key, value: $0.value) }
        storage.sort { $0.key < $1.key }
    }

    /// Members from pairs in any order; of two equal keys, the later wins.
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, Value) {
        var storage: [Element] = []
        storage.reserveCapacity(pairs.underestimatedCount)
        var ordered = true
        for (key, value) in pairs {
            if let last = storage.last, !(last.key < key) { ordered = false }
            storage.append((key, value))
        }
        self.storage = storage
        if !ordered { normalize() }
    }

    /// Members from `list`, which the caller owns alone and leaves empty. A list already sorted with
    /// no key twice (what generated bindings build) becomes the storage itself, or, when it is
    /// mostly unused capacity, has its members moved (not copied) into storage of their exact
    /// size; any other list is sorted as by ``init(_:)-(S)``.
    @usableFromInline
    init(moving list: inout [Element]) {
        var ordered = true
        var i = 1
        while i < list.count {
            if !(list[i - 1].key < list[i].key) {
                ordered = false
                break
            }
            i += 1
        }
        let count = list.count
        if !ordered {
            storage = Members(list.lazy.map { ($0.key, $0.value) }).storage
        } else if list.capacity - count <= 2 {
            storage = list
        } else {
            // Popped off the end, each member is moved (no retain or release) and the list is left
            // with nothing to destroy when it is dropped.
            storage = [Element](unsafeUninitializedCapacity: count) { target, initialized in
                guard let base = target.baseAddress else { return }
                while let last = list.popLast() { (base + list.count).initialize(to: last) }
                initialized = count
            }
        }
        list = []
    }

    public init(dictionaryLiteral elements: (String, Value)...) {
        self.init(elements)
    }

    /// Sorts the storage by key, keeping the last of equal keys. Stable, so "later" means what it says.
    private mutating func normalize() {
        var indexed = storage.enumerated().map { (offset: $0.offset, element: $0.element) }
        indexed.sort { $0.element.key < $1.element.key || ($0.element.key == $1.element.key && $0.offset < $1.offset) }
        var out: [Element] = []
        out.reserveCapacity(indexed.count)
        for item in indexed {
            if let last = out.last, last.key == item.element.key {
                out[out.count - 1] = item.element
            } else {
                out.append(item.element)
            }
        }
        storage = out
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { storage.count }
    @inlinable public subscript(position: Int) -> Element { storage[position] }

    /// The position of `key`, or where it would be inserted.
    @usableFromInline
    func search(_ key: String) -> (index: Int, found: Bool) {
        var low = 0, high = storage.count
        while low < high {
            let mid = (low + high) / 2
            let k = storage[mid].key
            if k == key { return (mid, true) }
            if k < key { low = mid + 1 } else { high = mid }
        }
        return (low, false)
    }

    /// The value for `key`; setting nil removes it.
    public subscript(key: String) -> Value? {
        get {
            // Not a `?:` expression: with `Value`'s nil literal, `found ? value : nil` is `.null`.
            let (i, found) = search(key)
            guard found else { return nil }
            return storage[i].value
        }
        set {
            let (i, found) = search(key)
            switch (found, newValue) {
            case (true, let value?): storage[i].value = value
            case (true, nil): storage.remove(at: i)
            case (false, let value?): storage.insert((key, value), at: i)
            case (false, nil): break
            }
        }
    }

    /// The value for `key`, or `defaultValue` (which a mutation then stores), as on a dictionary.
    public subscript(key: String, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[key] ?? defaultValue() }
        set { self[key] = newValue }
    }

    /// The keys, in order.
    public var keys: [String] { storage.map(\.key) }

    /// The values, in key order.
    public var values: [Value] { storage.map(\.value) }

    /// The members as a dictionary.
    public var dictionary: [String: Value] {
        var out = [String: Value](minimumCapacity: storage.count)
        for (key, value) in storage { out[key] = value }
        return out
    }

    /// The same keys with transformed values.
    public func mapValues(_ transform: (Value) throws -> Value) rethrows -> Members {
        var copy = self
        for i in copy.storage.indices { copy.storage[i].value = try transform(copy.storage[i].value) }
        return copy
    }

    /// Removes `key` and returns its value, if it was present.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> Value? {
        let (i, found) = search(key)
        guard found else { return nil }
        return storage.remove(at: i).value
    }

    /// These members with `other`'s added; for a key in both, `combine` picks the value.
    public func merging(_ other: Members, uniquingKeysWith combine: (Value, Value) throws -> Value) rethrows -> Members {
        var out = self
        for (key, value) in other {
            if let mine = out[key] { out[key] = try combine(mine, value) } else { out[key] = value }
        }
        return out
    }

    public static func == (a: Members, b: Members) -> Bool {
        guard a.storage.count == b.storage.count else { return false }
        for i in a.storage.indices where a.storage[i].key != b.storage[i].key || a.storage[i].value != b.storage[i].value {
            return false
        }
        return true
    }
}
