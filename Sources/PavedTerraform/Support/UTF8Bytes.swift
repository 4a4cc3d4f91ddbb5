extension String {
    /// Calls `body` with the string's UTF-8 bytes, read where they are stored.
    ///
    /// `withUTF8` is mutating, so calling it on a parameter takes a copy of the string first: a
    /// retain and a release of its storage, atomic operations on memory that is usually cold when
    /// the model of a large platform is read. This reads the storage in place (a small string's
    /// bytes are copied to the stack).
    @inline(__always)
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        // Generic, so a body returning an optional is not confused with storage not being contiguous.
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self  // storage that is not contiguous UTF-8 (not made by Swift on Linux)
        return copy.withUTF8(body)
    }
}
