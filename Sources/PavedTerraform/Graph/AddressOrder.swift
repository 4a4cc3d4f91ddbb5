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
        sortedWithOrder(resources).resources
    }

    /// ``sorted(_:)``, and the order: the block at position `k` of the result was at `order[k]`.
    package static func sortedWithOrder(_ resources: consuming [Resource]) -> (resources: [Resource], order: [Int]) {
        let groups = resources.withUnsafeBufferPointer { groupedByType($0) }
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
        return (resources, order)
    }

    /// The indices of the blocks of each (mode, type), in ascending order; the groups in address
    /// order. Constructs add their blocks in the same order of types, so the group of a block is
    /// looked for first after the group of the block before it: a string comparison or two per
    /// block, where hashing each address took most of the grouping's time.
    private static func groupedByType(_ resources: UnsafeBufferPointer<Resource>) -> [[Int]] {
        var keys: [(mode: ResourceAddress.Mode, type: String)] = []
        var groups: [[Int]] = []
        var last = 0
        for i in resources.indices {
            let mode = resources[i].address.mode, type = resources[i].address.type
            func matches(_ k: Int) -> Bool { keys[k].mode == mode && keys[k].type == type }
            var found: Int?
            if !keys.isEmpty {
                let next = (last + 1) % keys.count
                if matches(next) { found = next } else if matches(last) { found = last } else { found = keys.indices.first(where: matches) }
            }
            if let found {
                last = found
            } else {
                last = keys.count
                keys.append((mode, type))
                groups.append([])
            }
            groups[last].append(i)
        }
        return keys.indices.sorted {
            ResourceAddress(keys[$0].mode, type: keys[$0].type, name: "") < ResourceAddress(keys[$1].mode, type: keys[$1].type, name: "")
        }.map { groups[$0] }
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
