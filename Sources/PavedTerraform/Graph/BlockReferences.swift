/// What each block of a configuration refers to, recorded while the blocks are built.
///
/// Checking references needs every value of every block walked once. Walked when a block is made,
/// its values are still in cache; walked by the checker afterwards, a large configuration's values
/// are read back from memory, which took most of the check's time. Synthesis records each block as
/// it adds it and hands the record to ``ConfigurationChecker/check(_:references:)``.
///
/// A record holds, per block, the address of every reference and `depends_on` target (in the
/// order the checker's own walk finds them) and whether the block uses a variable, local value or
/// module output, which the checker then looks up by walking that block.
package struct BlockReferences: Sendable {
    /// Every block's addresses, one block after another, and whether the block being recorded
    /// uses a symbol.
    private var recorder = Recorder()
    /// Where each block's addresses end in `recorder.addresses`.
    private var ends: [Int] = []
    /// For each block, true when it uses a variable, local value or module output.
    private var usesSymbols: [Bool] = []
    /// Block `k` is the block recorded at `order[k]` (after the blocks were sorted); nil when the
    /// blocks are in recorded order.
    private var order: [Int]?

    package init() {}

    /// The number of blocks recorded.
    package var count: Int { ends.count }

    /// Records the next block: its arguments, meta-arguments and `depends_on` targets.
    package mutating func record(arguments: Members, count: Value? = nil, forEach: Value? = nil, dependsOn: [ResourceAddress]) {
        recorder.usesSymbols = false
        for i in arguments.storage.indices where !arguments.storage[i].value.isScalar {
            arguments.storage[i].value.walkExpressions(&recorder)
        }
        count?.walkExpressions(&recorder)
        forEach?.walkExpressions(&recorder)
        recorder.addresses += dependsOn
        ends.append(recorder.addresses.count)
        usesSymbols.append(recorder.usesSymbols)
    }

    /// The blocks of `parts`, one part after another, in recorded order, in storage of the exact
    /// size (appending part by part would grow and copy it again and again); `parts` is left empty.
    package static func joined(_ parts: inout [BlockReferences]) -> BlockReferences {
        var joined = BlockReferences()
        let addressCount = parts.reduce(0) { $0 + $1.recorder.addresses.count }
        let blockCount = parts.reduce(0) { $0 + $1.count }
        joined.recorder.addresses.reserveCapacity(addressCount)
        joined.ends.reserveCapacity(blockCount)
        joined.usesSymbols.reserveCapacity(blockCount)
        var orders: [Int] = []
        for p in parts.indices {
            let offset = joined.recorder.addresses.count, first = joined.count
            if parts[p].order != nil || !orders.isEmpty {
                if orders.isEmpty { orders = Array(0..<first) }
                orders += (parts[p].order ?? Array(0..<parts[p].count)).map { $0 + first }
            }
            joined.ends += parts[p].ends.lazy.map { $0 + offset }
            joined.usesSymbols += parts[p].usesSymbols
            joined.recorder.addresses += parts[p].recorder.addresses
            parts[p] = BlockReferences()  // freed as it goes
        }
        parts = []
        joined.order = orders.isEmpty ? nil : orders
        return joined
    }

    /// Appends the blocks `other` recorded, after this record's.
    package mutating func append(_ other: BlockReferences) {
        var parts = [self, other]
        self = Self.joined(&parts)
    }

    /// Notes that the blocks were moved: block `k` is now the one that was block `order[k]`.
    package mutating func reorder(_ order: [Int]) {
        if let previous = self.order {
            self.order = order.map { previous[$0] }
        } else {
            self.order = order
        }
    }

    /// Whether block `k` uses a variable, local value or module output.
    func usesSymbols(ofBlock k: Int) -> Bool {
        usesSymbols[order?[k] ?? k]
    }

    /// Calls `body` with the addresses block `k` refers to, read in place.
    func withAddresses<R>(ofBlock k: Int, _ body: (UnsafeBufferPointer<ResourceAddress>) -> R) -> R {
        let recorded = order?[k] ?? k
        let start = recorded == 0 ? 0 : ends[recorded - 1]
        return recorder.addresses.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[start..<ends[recorded]]))
        }
    }

    private struct Recorder: ExpressionVisitor {
        var addresses: [ResourceAddress] = []
        var usesSymbols = false

        mutating func visit(_ expression: Expression) {
            switch expression {
            case .reference(let r): addresses.append(r.address)
            case .variable, .local, .moduleOutput: usesSymbols = true
            case .call, .raw: return
            }
        }
    }
}
