import Foundation
import Paved

// `make bench`: synthesis speed for platforms of N data-product units.
// One unit = Bucket + Retention + Secret + Role reading both (about 16 resources and data sources).
// Prints a table for people and one `bench …` line per N for tracking over time.

func platform(units: Int) -> Platform {
    Platform("bench", owner: "bench@acme.io") {
        Environment(.prod, aws: .account("111111111111", region: "eu-west-1"))
        for i in 0..<units {
            Bucket("unit-\(i)", classification: .confidential) {
                Retention(expireAfter: .days(400), archiveAfter: .days(90))
            }
            Secret("unit-\(i)/token")
            Role("unit-\(i)-job", assumedBy: .service(.glue)) {
                Allow(.read, on: "unit-\(i)")
                Allow(.write, on: "unit-\(i)")
                Allow(.readSecret, on: "unit-\(i)/token")
            }
        }
    }
}

func milliseconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
}

let sizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let ns = sizes.isEmpty ? [100, 1_000, 10_000] : sizes
var lines: [String] = []
print("Paved synthesis benchmark (median of runs; the machine is shared and noisy)")
print("units   resources   synth_ms (lower + render)   resources/s   output_bytes   peak_rss_mb")
for n in ns {
    let p = platform(units: n)
    let runs = n >= 10_000 ? 3 : 5
    var lowerTimes: [Double] = []
    var renderTimes: [Double] = []
    var resources = 0
    var bytes = 0
    for _ in 0..<runs {
        var synthesis: Synthesis?
        lowerTimes.append(milliseconds { synthesis = Synthesizer().synthesize(p) })
        guard let synthesis, !synthesis.diagnostics.hasErrors else {
            print(synthesis?.diagnostics.map(\.description).joined(separator: "\n") ?? "no synthesis")
            exit(1)
        }
        resources = synthesis.stacks.reduce(0) { $0 + $1.configuration.resources.count }
        renderTimes.append(milliseconds {
            bytes = synthesis.stacks.reduce(0) { $0 + TerraformRenderer().renderBytes($1.configuration).count }
        })
    }
    let lowerMs = median(lowerTimes), renderMs = median(renderTimes)
    let ms = median(zip(lowerTimes, renderTimes).map { $0 + $1 })
    let rss = peakRSSMegabytes()
    print(String(
        format: "%5d   %9d   %8.1f (%6.1f + %6.1f)   %11.0f   %12d   %11.1f", n, resources, ms, lowerMs, renderMs,
        Double(resources) / (ms / 1000), bytes, rss))
    lines.append(String(format: "bench units=%d resources=%d synth_ms=%.1f bytes=%d rss_mb=%.1f", n, resources, ms, bytes, rss))
}
for line in lines { print(line) }
