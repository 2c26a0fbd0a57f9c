/// One entry of a zip archive, as its central directory describes it.
///
/// The sizes are what the archive *claims*; reading checks the real ones.
public struct ZipEntry: Sendable, Equatable {
  /// The entry's index in the archive, in central-directory order.
  public let index: Int
  /// The name as stored (converted to UTF-8).
  public let name: String
  /// The name used to look parts up: `\` turned into `/`.
  public let normalizedName: String
  /// The claimed uncompressed size.
  public let declaredSize: Int64
  /// The compressed size.
  public let compressedSize: Int64
  /// The zip compression method (0 stored, 8 deflate).
  public let compressionMethod: UInt16
  /// Whether the entry is encrypted with zip's own encryption.
  public let isEncrypted: Bool

  /// Whether this entry is a folder rather than a file.
  public var isDirectory: Bool { name.hasSuffix("/") }
}
