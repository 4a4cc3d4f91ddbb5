import Dispatch

/// Work split over every core, with results in a fixed order: the same as a sequential run.
public enum Parallel {
    /// `body(0)`, `body(1)`, … `body(count - 1)`, run on every core; the results in index order.
    /// One item runs on the calling thread.
    ///
    /// `body` must read only what no iteration writes: each iteration writes only its own result.
    public static func map<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        if count <= 1 { return (0..<count).map(body) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            nonisolated(unsafe) let slots = base  // each iteration initializes only its own slot
            DispatchQueue.concurrentPerform(iterations: count) { i in (slots + i).initialize(to: body(i)) }
            initialized = count
        }
    }

    /// `body` over `0..<count` cut into contiguous ranges of `chunkSize` (the last may be shorter),
    /// run on every core; the results in range order.
    public static func map<T>(_ count: Int, chunkSize: Int, _ body: @Sendable (Range<Int>) -> T) -> [T] {
        map((count + chunkSize - 1) / chunkSize) { c in body((c * chunkSize)..<min((c + 1) * chunkSize, count)) }
    }
}
