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
    /// The addresses of the blocks being recorded, one block after another, and whether the
    /// block being recorded uses a symbol.
    private var recorder = Recorder()
    /// The addresses of records joined to this one, each as it was recorded: joining moves the
    /// arrays, not the addresses in them.
    private var joinedParts: [[ResourceAddress]] = []
    /// For each block: its part (an index of `joinedParts`, or `joinedParts.count` for
    /// `recorder.addresses`) and where its addresses end in that part.
    private var spans: [(part: Int, end: Int)] = []
    /// For each block, true when it uses a variable, local value or module output.
    private var usesSymbols: [Bool] = []
    /// Block `k` is the block recorded at `order[k]` (after the blocks were sorted); nil when the
    /// blocks are in recorded order.
    private var order: [Int]?

    package init() {}

    /// The number of blocks recorded.
    package var count: Int { spans.count }

    /// Makes room for `blocks` more blocks with about `addresses` addresses in all.
    package mutating func reserveCapacity(blocks: Int, addresses: Int) {
        recorder.addresses.reserveCapacity(recorder.addresses.count + addresses)
        spans.reserveCapacity(spans.count + blocks)
        usesSymbols.reserveCapacity(usesSymbols.count + blocks)
    }

    /// Records the next block: its arguments, meta-arguments and `depends_on` targets.
    package mutating func record(arguments: Members, count: Value? = nil, forEach: Value? = nil, dependsOn: [ResourceAddress]) {
        recorder.usesSymbols = false
        for i in arguments.storage.indices where !arguments.storage[i].value.isScalar {
            arguments.storage[i].value.walkExpressions(&recorder)
        }
        count?.walkExpressions(&recorder)
        forEach?.walkExpressions(&recorder)
        recorder.addresses += dependsOn
        order?.append(spans.count)  // a reordered record: the new block comes last
        spans.append((joinedParts.count, recorder.addresses.count))
        usesSymbols.append(recorder.usesSymbols)
    }

    /// The blocks of `parts`, one part after another, in recorded order; `parts` is left empty.
    /// Only the small per-block entries are copied: each part's addresses stay where they are.
    package static func joined(_ parts: inout [BlockReferences]) -> BlockReferences {
        var joined = BlockReferences()
        let blockCount = parts.reduce(0) { $0 + $1.count }
        joined.spans.reserveCapacity(blockCount)
        joined.usesSymbols.reserveCapacity(blockCount)
        // Reordered parts keep their orders, shifted; the others are in recorded order.
        let reordered = parts.contains { $0.order != nil }
        var orders: [Int] = []
        for p in parts.indices {
            var part = BlockReferences()
            swap(&part, &parts[p])  // freed as it goes
            let first = joined.count, partOffset = joined.joinedParts.count
            if reordered { orders += (part.order ?? Array(0..<part.count)).map { $0 + first } }
            joined.spans += part.spans.lazy.map { ($0.part + partOffset, $0.end) }
            joined.usesSymbols += part.usesSymbols
            joined.joinedParts += part.joinedParts
            joined.joinedParts.append(part.recorder.addresses)
        }
        parts = []
        joined.order = reordered ? orders : nil
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
        let (part, end) = spans[recorded]
        let start = recorded > 0 && spans[recorded - 1].part == part ? spans[recorded - 1].end : 0
        // Read in place: a copy of the part would retain it, on every core at once.
        func read(_ all: UnsafeBufferPointer<ResourceAddress>) -> R { body(UnsafeBufferPointer(rebasing: all[start..<end])) }
        if part == joinedParts.count { return recorder.addresses.withUnsafeBufferPointer(read) }
        return joinedParts.withUnsafeBufferPointer { parts in parts[part].withUnsafeBufferPointer(read) }
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
