#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finding a run of bytes in a part's bytes: `memchr` to each occurrence of the first
/// byte, `memcmp` for the rest (no allocation). The generic `firstRange(of:)` took a
/// minute on a 57 MB sheet.
enum ByteSearch {
  /// Whether `needle` occurs in `haystack` (an empty needle always does).
  ///
  /// - Complexity: O(*n* × *m*) at worst, about O(*n*) for text.
  static func contains(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
    needle.isEmpty || firstIndex(of: needle, in: haystack) != nil
  }

  /// Where `needle` first occurs in `haystack` at or after `start`; `nil` when it does not
  /// (or is empty).
  static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Int? {
    guard let first = needle.first, start >= 0, haystack.count - start >= needle.count else { return nil }
    return haystack.withUnsafeBytes { hay in
      needle.withUnsafeBytes { pin in
        guard let base = hay.baseAddress, let pattern = pin.baseAddress else { return nil }
        let lastStart = hay.count - pin.count
        var position = start
        while position <= lastStart {
          guard let found = memchr(base + position, Int32(first), lastStart - position + 1) else { return nil }
          let offset = base.distance(to: UnsafeRawPointer(found))
          if memcmp(found, pattern, pin.count) == 0 { return offset }
          position = offset + 1
        }
        return nil
      }
    }
  }
}
