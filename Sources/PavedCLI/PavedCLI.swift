import ArgumentParser
import CAllocator
import Foundation
import Paved
import Synchronization

/// The entry point of `paved` and of a team's own infrastructure executable.
///
/// ```swift
/// // Sources/Infra/main.swift in your package, depending on the PavedCLI product:
/// import PavedCLI
/// await PavedCLI.main(platform: myPlatform)
/// ```
/// Then `swift run infra synth`, `swift run infra check`, … work on your platform.
public enum PavedCLI {
    /// Runs the command line and exits the process with the command's exit code.
    public static func main(platform: Platform? = nil, arguments: [String]? = nil) async -> Never {
        prepareProcess()
        let code = await $exitsAfterCommand.withValue(true) {
            await run(platform: platform, arguments: arguments ?? Array(CommandLine.arguments.dropFirst()))
        }
        exit(code)
    }

    /// Process settings for a short-lived command, applied by ``main(platform:arguments:)``; call it
    /// first in a program that runs ``run(platform:arguments:)`` once and exits.
    ///
    /// On glibc, each thread's heap otherwise grows a few pages at a time, one `mprotect` system
    /// call per step: about 12,000 calls while synthesizing 10,000 units on two cores (~4% of the
    /// time). A 64 MB top pad makes each heap writable in one step; untouched pages still cost no
    /// memory, and a short-lived process does not need its heap trimmed.
    ///
    /// Returns false where there is nothing to set (a C library other than glibc).
    @discardableResult
    public static func prepareProcess() -> Bool {
        paved_set_heap_growth(64 << 20) == 1
    }

    /// True while a command runs in a process that exits as soon as it returns, as under
    /// ``main(platform:arguments:)``. Commands then leave their largest values (a synthesized
    /// model, its JSON trees) to the exit instead of freeing them object by object: for 10,000 units
    /// that freeing takes about a second, longer than synthesizing them. Set it around
    /// ``run(platform:arguments:)`` only when the process ends right after.
    @TaskLocal public static var exitsAfterCommand = false

    /// Hands `value` to the process exit when ``exitsAfterCommand`` (it is never freed); otherwise
    /// does nothing, and `value` is freed as usual.
    static func leaveToExit(_ value: some Sendable) {
        guard exitsAfterCommand else { return }
        leftToExit.withLock { $0.append(value) }
    }

    private static let leftToExit = Mutex<[any Sendable]>([])

    /// Runs one command line and returns its exit code (0 ok, 1 findings or drift, 2 usage or input error).
    public static func run(platform: Platform?, arguments: [String]) async -> Int32 {
        do {
            var command = try PavedCommand.parseAsRoot(arguments)
            try await PlatformContext.$current.withValue(platform) {
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
            }
            return 0
        } catch {
            return report(error)
        }
    }

    /// Prints an error the way users read it and maps it to Paved's exit codes.
    static func report(_ error: any Error) -> Int32 {
        switch error {
        case let error as DiagnosticsError:
            Console.printError(error.diagnostics.map(\.description).joined(separator: "\n"))
            let errors = error.diagnostics.count { $0.severity == .error }
            Console.printError("\(errors) error\(errors == 1 ? "" : "s")")
            return ExitCodes.inputError
        case let error as CLIError:
            Console.printError("error: \(error.message)")
            return error.exitCode
        default:
            let code = PavedCommand.exitCode(for: error)
            let message = PavedCommand.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { Console.print(message) }
                return 0
            }
            if !message.isEmpty { Console.printError(message) }
            // ArgumentParser reports usage errors as EX_USAGE (64); Paved documents 2.
            return code.rawValue == ExitCode.validationFailure.rawValue ? ExitCodes.inputError : code.rawValue
        }
    }
}

/// Paved's exit codes, as documented in the README.
public enum ExitCodes {
    public static let ok: Int32 = 0
    /// Findings at or above the failing severity, drift, schema errors, merge conflicts.
    public static let findings: Int32 = 1
    /// Bad usage or bad input: unknown flags, invalid DSL, malformed files, unwritable paths.
    public static let inputError: Int32 = 2
}

/// An error with a message for the user and an exit code.
public struct CLIError: Error, CustomStringConvertible {
    public var message: String
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = ExitCodes.inputError) {
        self.message = message
        self.exitCode = exitCode
    }

    public var description: String { message }
}

/// The platform handed to the command line by the executable that embeds it.
public enum PlatformContext {
    @TaskLocal public static var current: Platform?

    /// The platform, or an error explaining how to provide one.
    static func require(command: String) throws -> Platform {
        if let current { return current }
        throw CLIError("""
            `\(command)` needs a platform, and this executable has none.
            Build your own executable that hands its platform to PavedCLI:
                import PavedCLI
                await PavedCLI.main(platform: myPlatform)
            then run `swift run <your-executable> \(command)`. The embedded example: `swift run acme-platform \(command)`.
            """)
    }
}

/// Writes to standard output and standard error without buffering surprises.
enum Console {
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
