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
        if spill.isEmpty, let base = target.baseAddress, bytes.count <= target.count - count {
            (base + count).initialize(from: source, count: bytes.count)
            count += bytes.count
        } else {
            spill.append(contentsOf: bytes)
        }
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
/// A finished chunk is copied in as soon as every chunk before it is, and its buffer is handed to
/// the next chunk to render: only a few buffers exist at once, and they stay in cache and mapped,
/// instead of one fresh buffer per chunk, all joined at the end.
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
        state.withLock { state in
            state.ready[chunk] = block
            while let next = state.ready.removeValue(forKey: state.next) {
                state.document.append(next.bytes)
                state.spare.append(next)
                state.next += 1
            }
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
