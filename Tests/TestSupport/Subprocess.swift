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
  ///
  /// Its output goes to temporary files, not pipes: tests spawn processes on several
  /// threads at once, and a pipe's write end inherited by another test's long-running
  /// child kept a reader waiting for an end of file that never came (LibreOffice tests
  /// timed out in full runs, never alone).
  public static func run(
    _ executable: String, _ arguments: [String], timeout: TimeInterval = 600, environment: [String: String] = [:]
  ) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var inherited = ProcessInfo.processInfo.environment
    if executable == suivi {
      // `suivi` speaks the locale's language: English unless a test asks for French, whatever
      // the machine's locale; a sentence missing from the French catalogue is reported.
      for name in ["LC_ALL", "LC_MESSAGES"] { inherited[name] = nil }
      inherited["LANG"] = "C.UTF-8"
      inherited["SUIVI_CHECK_TRANSLATIONS"] = "1"
    }
    process.environment = inherited.merging(environment) { $1 }
    let folder = FileManager.default.temporaryDirectory
    let outURL = folder.appendingPathComponent("suivi-out-\(UUID().uuidString)")
    let errURL = folder.appendingPathComponent("suivi-err-\(UUID().uuidString)")
    guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
      FileManager.default.createFile(atPath: errURL.path, contents: nil)
    else { throw FixtureError("cannot create output files in \(folder.path)") }
    defer {
      try? FileManager.default.removeItem(at: outURL)
      try? FileManager.default.removeItem(at: errURL)
    }
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    do {
      try process.run()
    } catch {
      try? out.close()
      try? err.close()
      throw error
    }
    try? out.close()
    try? err.close()
    if done.wait(timeout: .now() + timeout) == .timedOut {
      process.terminate()
      throw FixtureError("\(executable) \(arguments.joined(separator: " ")) timed out after \(Int(timeout)) s")
    }
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
      stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
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
