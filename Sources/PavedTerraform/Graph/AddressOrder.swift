/// Blocks in address order (managed before data, then by type, then by name): the order the
/// renderer writes and the checker indexes.
public enum AddressOrder {
    /// `resources` in address order; blocks with equal addresses keep their order.
    ///
    /// Grouped by mode and type first (few, long keys), then each type's names sorted on every
    /// core, as integers of their first 16 bytes where they are ASCII (``NameKey``), which is much
    /// cheaper than comparing whole addresses. The blocks are moved into place (swapped along the
    /// cycles of the permutation), not copied: a copy retains, and dropping the original releases,
    /// every string and value in them.
    public static func sorted(_ resources: consuming [Resource]) -> [Resource] {
        var byType: [ResourceAddress: [Int]] = [:]
        for i in resources.indices {
            let a = resources[i].address
            byType[ResourceAddress(a.mode, type: a.type, name: ""), default: []].append(i)
        }
        let groups = byType.keys.sorted().map { byType[$0] ?? [] }
        let sortedGroups = resources.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer  // read-only while the groups sort
            return Parallel.map(groups.count) { k in sortedByName(groups[k], in: buffer) }
        }
        // order[k]: the index of the resource that goes to position k.
        var order: [Int] = []
        order.reserveCapacity(resources.count)
        for group in sortedGroups { order += group }
        var placed = [Bool](repeating: false, count: order.count)
        resources.withUnsafeMutableBufferPointer { buffer in
            // `order` is a permutation of the buffer's indices; the buffer's swapAt moves the two
            // values (Array's copies and destroys them).
            for start in order.indices where !placed[start] {
                var k = start
                placed[k] = true
                while order[k] != start {
                    buffer.swapAt(k, order[k])
                    k = order[k]
                    placed[k] = true
                }
            }
        }
        return resources
    }

    /// The indices of `group`, in ascending order, sorted by their blocks' names (ties by index).
    private static func sortedByName(_ group: [Int], in resources: UnsafeBufferPointer<Resource>) -> [Int] {
        guard let base = resources.baseAddress else { return group }
        let names = group.map { (base + $0).pointee.address.name }
        var keys: [NameKey] = []
        keys.reserveCapacity(names.count)
        for name in names {
            guard let key = NameKey(name) else {
                // A name that is not ASCII: strings throughout (their order normalizes Unicode).
                return group.indices.sorted { names[$0] < names[$1] || (names[$0] == names[$1] && $0 < $1) }.map { group[$0] }
            }
            keys.append(key)
        }
        return group.indices.sorted { a, b in
            keys[a] < keys[b] || (keys[a] == keys[b] && (names[a] < names[b] || (names[a] == names[b] && a < b)))
        }.map { group[$0] }
    }

    /// True when each block's address comes after the one before it (or equals it, unless
    /// `strictly`). Large configurations are checked in chunks on every core.
    static func isSorted(_ resources: UnsafeBufferPointer<Resource>, strictly: Bool) -> Bool {
        nonisolated(unsafe) let resources = resources  // read-only while the chunks check
        return Parallel.map(resources.count, chunkSize: 16_384) { range in
            guard let base = resources.baseAddress else { return true }
            for i in range where i > 0 {
                let a = (base + i - 1).pointee.address, b = (base + i).pointee.address
                if strictly ? !(a < b) : b < a { return false }
            }
            return true
        }.allSatisfy { $0 }
    }
}
