/// Tests on eight bytes at once, for the scans the renderer and the address index make of every
/// string: almost all bytes pass, and one word test replaces eight byte tests.
extension UInt64 {
    static var everyByteOne: UInt64 { 0x0101_0101_0101_0101 }
    static var everyByteHigh: UInt64 { 0x8080_8080_8080_8080 }

    /// Eight bytes from `pointer` (any alignment), the first in the low byte.
    @inline(__always)
    init(loadingFrom pointer: UnsafePointer<UInt8>) {
        self = UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self)
    }

    /// True when one of the eight bytes is below `n` (at most 0x80). Borrows start only at such a
    /// byte, so the answer is exact.
    @inline(__always)
    func hasByte(below n: UInt64) -> Bool {
        (self &- Self.everyByteOne &* n) & ~self & Self.everyByteHigh != 0
    }

    /// True when one of the eight bytes is `byte`.
    @inline(__always)
    func hasByte(_ byte: UInt8) -> Bool {
        (self ^ Self.everyByteOne &* UInt64(byte)).hasByte(below: 1)
    }
}
