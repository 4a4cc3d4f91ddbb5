import Synchronization

/// Where a rendered document's bytes go, in order: an array's reserved storage, then (when the
/// reservation was too small) a spill that the caller appends at the end.
///
/// Does not own `target`: the array being initialized does. Sendable so that ``ChunkAssembly`` can
/// keep it under its lock, the only place more than one thread reaches it.
struct DocumentBuffer: @unchecked Sendable {
    private let target: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0
    private(set) var spill: [UInt8] = []

    init(_ target: UnsafeMutableBufferPointer<UInt8>) {
        self.target = target
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if let place = claim(bytes.count) {
            place.initialize(from: source, count: bytes.count)
        } else {
            spill.append(contentsOf: bytes)
        }
    }

    /// The place for the next `n` bytes, which the caller then writes (possibly on another
    /// thread); nil when they do not fit, and they go to ``spill`` instead.
    mutating func claim(_ n: Int) -> UnsafeMutablePointer<UInt8>? {
        guard spill.isEmpty, let base = target.baseAddress, n <= target.count - count else { return nil }
        defer { count += n }
        return base + count
    }

    mutating func appendToSpill(_ bytes: UnsafeBufferPointer<UInt8>) {
        spill.append(contentsOf: bytes)
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }
}

/// Bytes a ``ByteSink`` wrote, with the buffer's whole capacity, so the buffer can be reused.
/// Owned by whoever holds it, who deallocates it once.
struct ByteBlock: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    let count: Int
    let capacity: Int

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    func deallocate() { base.deallocate() }
}

/// Puts chunks rendered on several threads into a document in chunk order.
///
/// A finished chunk gets its place as soon as every chunk before it has one; it is copied there
/// outside the lock (the places do not overlap), and its buffer is handed to the next chunk to
/// render: only a few buffers exist at once, and they stay in cache and mapped, instead of one
/// fresh buffer per chunk, all joined at the end.
final class ChunkAssembly: Sendable {
    private struct State {
        var document: DocumentBuffer
        var next = 0
        var ready: [Int: ByteBlock] = [:]
        var spare: [ByteBlock] = []
    }

    private let state: Mutex<State>

    init(_ document: DocumentBuffer) {
        state = Mutex(State(document: document))
    }

    /// A sink for the next chunk: a spare buffer when there is one.
    func sink(capacity: Int) -> ByteSink {
        if let block = state.withLock({ $0.spare.popLast() }) { return ByteSink(recycling: block) }
        return ByteSink(capacity: capacity)
    }

    /// Chunk number `chunk` (from 0) is rendered: copies it, and any chunks after it that were
    /// waiting for it, into the document.
    func finish(chunk: Int, _ block: ByteBlock) {
        // Places claimed in order under the lock; the bytes copied after it.
        let placed = state.withLock { state in
            state.ready[chunk] = block
            var placed: [(block: ByteBlock, place: UnsafeMutablePointer<UInt8>?)] = []
            while let next = state.ready.removeValue(forKey: state.next) {
                let place = state.document.claim(next.count)
                if place == nil {
                    state.document.appendToSpill(next.bytes)  // rare: past the reservation, in order
                }
                placed.append((next, place))
                state.next += 1
            }
            return placed
        }
        for (block, place) in placed {
            place?.initialize(from: block.base, count: block.count)
        }
        if !placed.isEmpty {
            state.withLock { $0.spare += placed.map(\.block) }
        }
    }

    /// The document, once every chunk is finished; frees the buffers.
    func finished() -> DocumentBuffer {
        state.withLock { state in
            for block in state.spare { block.deallocate() }
            for block in state.ready.values { block.deallocate() }  // none once every chunk finished
            state.spare = []
            state.ready = [:]
            return state.document
        }
    }
}
