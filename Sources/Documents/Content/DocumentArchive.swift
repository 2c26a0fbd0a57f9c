#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import CivilDate
import Foundation
import Ledger

/// Where documents are kept, and how one is written: never over another, never half.
public struct DocumentArchive {
  /// The folder documents go to: `--out`, else the business's archive by year and client
  /// (`archive/2024/Dumont & co/…`).
  public var folder: URL
  /// Whether documents go straight into ``folder`` (`--out`), or into its year and client
  /// folders.
  public var byYearAndClient: Bool

  public init(folder: URL, byYearAndClient: Bool) {
    self.folder = folder
    self.byYearAndClient = byYearAndClient
  }

  /// The path a document gets.
  public func path(for document: MadeDocument, day: Day) -> URL {
    guard byYearAndClient else { return folder.appendingPathComponent(document.fileName) }
    let client = Self.safeName(document.client ?? "recap")
    return folder.appendingPathComponent(String(day.year)).appendingPathComponent(client).appendingPathComponent(document.fileName)
  }

  /// Writes `document` at its path: a temporary file beside it, synced, then linked to its
  /// name, which fails if the name exists (a document is never overwritten). Its SHA-256.
  public func write(_ document: MadeDocument, day: Day) throws -> (path: String, sha256: String) {
    try write(document.bytes, at: path(for: document, day: day))
  }

  /// Writes `bytes` straight in ``folder`` (a message in the outbox), the same way, as
  /// `stem.ext`, or `stem (2).ext`… when that name is taken.
  public func write(_ bytes: [UInt8], freshName stem: String, extension ext: String) throws -> String {
    let safe = Self.safeName(stem)
    for attempt in 1...999 {
      let name = attempt == 1 ? "\(safe).\(ext)" : "\(safe) (\(attempt)).\(ext)"
      do {
        return try write(bytes, at: folder.appendingPathComponent(name)).path
      } catch DocumentError.exists {
        continue
      }
    }
    throw DocumentError.exists(path: folder.appendingPathComponent("\(safe).\(ext)").path)
  }

  /// A file or folder name from `text`: no separator or character a file system refuses, no
  /// leading dot, not empty, at most 200 bytes (whole characters).
  public static func safeName(_ text: String) -> String {
    var name = String(text.map { "/\\:*?\"<>|\0".contains($0) || $0.isNewline ? "_" : $0 })
    while name.hasPrefix(".") { name.removeFirst() }
    name = name.trimmingCharacters(in: .whitespaces)
    if name.isEmpty { name = "_" }
    while name.utf8.count > 200 { name.removeLast() }
    return name
  }

  private func write(_ bytes: [UInt8], at target: URL) throws -> (path: String, sha256: String) {
    do {
      try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    } catch {
      throw DocumentError.cannotWrite(path: target.deletingLastPathComponent().path, reason: .verbatim((error as NSError).localizedDescription))
    }
    if FileManager.default.fileExists(atPath: target.path) { throw DocumentError.exists(path: target.path) }
    let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(UUID().uuidString).tmp").path
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw DocumentError.cannotWrite(path: target.path, reason: .verbatim(String(cString: strerror(errno)))) }
    var failure: Int32 = 0
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        offset += written
      }
    }
    if failure == 0, fsync(descriptor) != 0 { failure = errno }
    close(descriptor)
    defer { unlink(temporary) }
    guard failure == 0 else { throw DocumentError.cannotWrite(path: target.path, reason: .verbatim(String(cString: strerror(failure)))) }
    guard link(temporary, target.path) == 0 else {
      if errno == EEXIST { throw DocumentError.exists(path: target.path) }
      throw DocumentError.cannotWrite(path: target.path, reason: .verbatim(String(cString: strerror(errno))))
    }
    return (target.path, SHA256.hex(bytes))
  }

  /// Takes back a document written when the ledger could not record it.
  public func remove(_ path: String) { unlink(path) }
}
