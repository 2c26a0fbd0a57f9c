/// Caps applied while reading a zip archive that came from outside.
///
/// Sizes are checked against the bytes actually inflated, never against the sizes the
/// archive's headers claim, so a lying header cannot get past them.
public struct ZipLimits: Sendable, Equatable {
  /// The most bytes one entry may inflate to.
  public var maxEntrySize: Int64
  /// The most bytes all the entries read from one archive may inflate to, together.
  public var maxTotalSize: Int64
  /// The highest uncompressed-to-compressed ratio allowed once an entry is past
  /// ``ratioFloor`` bytes. Deflate can reach about 1,000:1 on degenerate input;
  /// spreadsheet XML stays well under 100:1.
  public var maxRatio: Int64
  /// Entries smaller than this are never refused for their ratio.
  public var ratioFloor: Int64
  /// The most entries an archive may list.
  public var maxEntries: Int

  /// Generous for real workbooks (a 100,000-row tracker inflates to 55 MB at 9:1),
  /// and still far from what would hurt the machine.
  public static let `default` = ZipLimits(
    maxEntrySize: 1 << 30, maxTotalSize: 2 << 30, maxRatio: 500,
    ratioFloor: 16 << 20, maxEntries: 65_536)

  public init(
    maxEntrySize: Int64, maxTotalSize: Int64, maxRatio: Int64, ratioFloor: Int64, maxEntries: Int
  ) {
    self.maxEntrySize = maxEntrySize
    self.maxTotalSize = maxTotalSize
    self.maxRatio = maxRatio
    self.ratioFloor = ratioFloor
    self.maxEntries = maxEntries
  }
}
