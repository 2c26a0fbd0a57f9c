import Foundation

/// Runs programs from tests: the `suivi` binary under test, and the peers (python3,
/// LibreOffice).
public enum Subprocess {
  /// What a finished process left behind.
  public struct Result: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
  }

  /// Runs `executable` with `arguments`, waiting at most `timeout` seconds.
  public static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 600) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let group = DispatchGroup()
    nonisolated(unsafe) var outData = Data()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
      outData = out.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    if group.wait(timeout: .now() + timeout) == .timedOut {
      process.terminate()
      throw FixtureError("\(executable) \(arguments.joined(separator: " ")) timed out after \(Int(timeout)) s")
    }
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// The `suivi` executable built beside the test bundle.
  public static var suivi: String {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("suivi")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside.path }
    return SharedFolder.repository.appendingPathComponent(".build/debug/suivi").path
  }

  /// Runs `suivi` with `arguments`.
  public static func suivi(_ arguments: String...) throws -> Result {
    try run(suivi, arguments)
  }

  /// The first `python3` on `PATH` (the one the set-up installed the peers for).
  public static var python: String {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
    for folder in path.split(separator: ":") {
      let candidate = "\(folder)/python3"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return "/usr/bin/python3"
  }
}
