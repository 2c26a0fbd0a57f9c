import CLibZip
import Foundation

/// Writes zip archives for tests, with libzip, so hostile and unusual packages can be
/// made on the spot rather than committed.
public enum ZipFixture {
  /// A fresh path in a temporary folder unique to the test process.
  public static func temporaryPath(_ name: String) -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-tests-\(getpid())")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("\(UUID().uuidString)-\(name)").path
  }

  /// Writes `entries` (name, bytes) in order to a new zip at `path`, deflated unless
  /// `stored`.
  public static func write(_ entries: [(String, [UInt8])], to path: String, stored: Bool = false) throws {
    var code: Int32 = 0
    guard let archive = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code) else {
      throw FixtureError("zip_open failed: \(code)")
    }
    for (name, bytes) in entries {
      let copy = malloc(max(bytes.count, 1))!
      bytes.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress ?? UnsafeRawPointer(copy), byteCount: bytes.count) }
      guard let source = zip_source_buffer(archive, copy, zip_uint64_t(bytes.count), 1) else {
        free(copy)
        throw FixtureError("zip_source_buffer failed")
      }
      let index = zip_file_add(archive, name, source, zip_flags_t(ZIP_FL_ENC_UTF_8))
      guard index >= 0 else {
        zip_source_free(source)
        throw FixtureError("zip_file_add \(name): \(String(cString: zip_strerror(archive)))")
      }
      zip_set_file_compression(archive, zip_uint64_t(index), stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0)
    }
    guard zip_close(archive) == 0 else { throw FixtureError("zip_close: \(String(cString: zip_strerror(archive)))") }
  }

  /// Writes text entries.
  public static func write(_ entries: [(String, String)], to path: String) throws {
    try write(entries.map { ($0.0, Array($0.1.utf8)) }, to: path)
  }

  /// Replaces every occurrence of `old` by `new` (same length) in the file's bytes:
  /// used to forge names and sizes in zip headers.
  public static func patch(_ path: String, replacing old: [UInt8], with new: [UInt8]) throws {
    precondition(old.count == new.count)
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    var index = 0
    var replaced = 0
    while index + old.count <= bytes.count {
      if bytes[index..<index + old.count].elementsEqual(old) {
        bytes.replaceSubrange(index..<index + old.count, with: new)
        replaced += 1
        index += old.count
      } else {
        index += 1
      }
    }
    guard replaced > 0 else { throw FixtureError("nothing to patch") }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }
}

extension ZipFixture {
  /// Rewrites text entries of an archive in place through `transform` (name, text).
  public static func rewrite(_ path: String, _ transform: (String, String) -> String) throws {
    let entries = try RawZip.entries(path).map(\.name)
    var code: Int32 = 0
    guard let archive = zip_open(path, ZIP_RDONLY, &code) else { throw FixtureError("cannot open \(path)") }
    var contents: [(String, [UInt8])] = []
    for (index, name) in entries.enumerated() {
      var stat = zip_stat_t()
      zip_stat_init(&stat)
      zip_stat_index(archive, zip_uint64_t(index), 0, &stat)
      let file = zip_fopen_index(archive, zip_uint64_t(index), 0)!
      var bytes = [UInt8](repeating: 0, count: Int(stat.size))
      _ = bytes.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress, zip_uint64_t($0.count)) }
      zip_fclose(file)
      contents.append((name, Array(transform(name, String(decoding: bytes, as: UTF8.self)).utf8)))
    }
    zip_discard(archive)
    try write(contents, to: path)
  }
}

public struct FixtureError: Error, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}
