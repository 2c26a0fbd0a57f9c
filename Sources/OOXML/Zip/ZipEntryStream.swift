import Wording
import CLibZip

/// An entry being inflated, owning its libzip file handle.
///
/// Every read counts the bytes actually produced and stops with
/// ``OOXMLError/unsafeArchive(file:entry:reason:)`` as soon as the entry passes
/// ``ZipLimits/maxEntrySize`` or its compression ratio passes ``ZipLimits/maxRatio``; an
/// entry that grows past the size its header declared is reported as damaged.
public final class ZipEntryStream {
  /// The entry being read.
  public let entry: ZipEntry
  private let archive: ZipArchive
  private let file: OpaquePointer
  private var produced: Int64 = 0

  init(archive: ZipArchive, file: OpaquePointer, entry: ZipEntry) {
    self.archive = archive
    self.file = file
    self.entry = entry
  }

  deinit { zip_fclose(file) }

  /// Reads the next bytes into `buffer`, returning how many were read (0 at the end).
  ///
  /// The corresponding libzip function is `zip_fread`.
  public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    let count = zip_fread(file, base, zip_uint64_t(buffer.count))
    if count < 0 {
      throw archive.zipError(zip_file_get_error(file), entry: entry.name)
    }
    produced += count
    try check()
    try archive.account(Int(count), entry: entry)
    return Int(count)
  }

  private func check() throws {
    let limits = archive.limits
    if produced > limits.maxEntrySize {
      throw refusal("it inflates to more than \(limits.maxEntrySize >> 20) MiB (zip bomb?)")
    }
    if produced > limits.ratioFloor, produced > max(entry.compressedSize, 1) * limits.maxRatio {
      throw refusal("it inflates more than \(limits.maxRatio) times its compressed size (zip bomb?)")
    }
    if produced > entry.declaredSize {
      throw OOXMLError.corruptArchive(
        file: archive.path, entry: entry.name,
        reason: "the entry inflates to more than the \(entry.declaredSize) bytes its header declares")
    }
  }

  private func refusal(_ reason: Phrase) -> OOXMLError {
    .unsafeArchive(file: archive.path, entry: entry.name, reason: reason)
  }
}
