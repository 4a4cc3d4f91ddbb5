@testable import PavedCLI
import Synchronization
import Testing

/// Commands leave their largest values to the process exit only when the process ends right
/// after the command (`PavedCLI.main`); run in process (tests, a host program), they free them.
@Suite struct LeaveToExitTests {
    final class Freed: Sendable {
        let count = Mutex(0)
    }

    final class Tracked: Sendable {
        let freed: Freed
        init(_ freed: Freed) { self.freed = freed }
        deinit { freed.count.withLock { $0 += 1 } }
    }

    @Test func valuesAreKeptOnlyWhenTheProcessExitsAfterTheCommand() {
        let freed = Freed()
        PavedCLI.leaveToExit(Tracked(freed))
        #expect(freed.count.withLock { $0 } == 1)

        PavedCLI.$exitsAfterCommand.withValue(true) { PavedCLI.leaveToExit(Tracked(freed)) }
        #expect(freed.count.withLock { $0 } == 1)
    }

    /// The heap growth setting `PavedCLI.main` applies first is accepted by the C library.
    @Test func theProcessSettingIsApplied() {
        #if canImport(Glibc)
        #expect(PavedCLI.prepareProcess())
        #endif
    }
}
