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

  /// Converts `file` to `format` (`csv`, `xls`, `pdf`, `xlsx`) into `folder`.
  public static func convert(_ file: String, to format: String, into folder: String) throws -> Subprocess.Result {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let profile = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-lo-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: profile) }
    return try Subprocess.run(
      executable,
      ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore", "--convert-to", format,
       "--outdir", folder, file],
      timeout: 120)
  }
}
