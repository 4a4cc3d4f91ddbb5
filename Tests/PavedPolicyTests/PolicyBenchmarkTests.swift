import Foundation
import Testing
@testable import PavedPolicy

/// Benchmarks, run on demand: `PAVED_BENCH=1 swift test -c release --filter PolicyBenchmarkTests`.
/// The always-on test checks the synthetic units are well-formed and give the expected findings.
@Suite struct PolicyBenchmarkTests {
    @Test func syntheticUnitsAreWellFormed() throws {
        let m = try PolicyBenchmark.measureInMemory(units: 20, iterations: 1)
        #expect(m.resources == 20 * PolicyBenchmark.resourcesPerUnit + 3)
        // Units 0 and 10 violate SEC-S3-001, SEC-KMS-001, COST-SF-001 and COST-SF-002; the rest comply.
        #expect(m.findings == 8)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paved-units-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let disk = try PolicyBenchmark.measureFromDisk(units: 250, iterations: 1, directory: dir)
        #expect(disk.resources == 250 * PolicyBenchmark.resourcesPerUnit + 3)
        #expect(disk.findings == 100)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).count == 3)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["PAVED_BENCH"] == "1"))
    func benchmark() throws {
        for units in [1_000, 10_000] {
            print(try PolicyBenchmark.measureInMemory(units: units, iterations: 5))
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paved-bench-\(units)").path
            defer { try? FileManager.default.removeItem(atPath: dir) }
            print(try PolicyBenchmark.measureFromDisk(units: units, iterations: 5, directory: dir))
        }
    }
}
