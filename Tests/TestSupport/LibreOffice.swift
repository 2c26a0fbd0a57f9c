import Foundation

/// LibreOffice, headless, with a profile of its own so tests never touch (or wait on) a
/// person's.
public enum LibreOffice {
  public static var executable: String {
    for candidate in ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice"]
    where FileManager.default.isExecutableFile(atPath: candidate) {
      return candidate
    }
    return "soffice"
  }

  /// Tests run in parallel, but LibreOffice runs one at a time: several instances starting
  /// at once on a loaded 2-core machine were seen to hang past two minutes.
  private static let lock = NSLock()

  /// Runs `body` while no other test runs LibreOffice.
  public static func exclusively<T>(_ body: () throws -> T) rethrows -> T {
    lock.lock()
    defer { lock.unlock() }
    return try body()
  }

  /// Converts `file` to `format` (`csv`, `xls`, `pdf`, `xlsx`) into `folder`; tried a
  /// second time if LibreOffice hangs.
  public static func convert(_ file: String, to format: String, into folder: String) throws -> Subprocess.Result {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return try exclusively {
      do {
        return try convertOnce(file, to: format, into: folder)
      } catch is FixtureError {
        return try convertOnce(file, to: format, into: folder)
      }
    }
  }

  private static func convertOnce(_ file: String, to format: String, into folder: String) throws -> Subprocess.Result {
    let profile = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-lo-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: profile) }
    return try Subprocess.run(
      executable,
      ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore", "--convert-to", format,
       "--outdir", folder, file],
      timeout: 90)
  }

  /// Runs one of `Tests/Interop`'s UNO scripts with Debian's python3 (the interpreter
  /// LibreOffice's `uno` module belongs to).
  public static func uno(_ script: String, _ arguments: [String]) throws -> Subprocess.Result {
    try exclusively { try Subprocess.run("/usr/bin/python3", [script] + arguments, timeout: 300) }
  }
}
