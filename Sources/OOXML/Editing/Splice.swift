/// One change to a part's bytes: replace `range` (empty to insert) with `replacement`.
struct Splice {
  let range: Range<Int>
  let replacement: [UInt8]

  init(_ range: Range<Int>, _ replacement: [UInt8]) {
    self.range = range
    self.replacement = replacement
  }

  init(_ range: Range<Int>, _ replacement: String) {
    self.init(range, Array(replacement.utf8))
  }

  /// Applies `splices` to `bytes`: everything outside them is copied as it is.
  /// - Precondition: the splices do not overlap (insertions at the same offset are kept
  ///   in their given order).
  static func apply(_ splices: [Splice], to bytes: [UInt8]) -> [UInt8] {
    let ordered = ordered(splices)
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count + ordered.reduce(0) { $0 + $1.replacement.count })
    var position = 0
    for splice in ordered {
      precondition(splice.range.lowerBound >= position, "overlapping splices")
      output.append(contentsOf: bytes[position..<splice.range.lowerBound])
      output.append(contentsOf: splice.replacement)
      position = splice.range.upperBound
    }
    output.append(contentsOf: bytes[position...])
    return output
  }
}

extension Splice {
  /// `splices` in the order they apply: by position, insertions at one offset as given.
  static func ordered(_ splices: [Splice]) -> [Splice] {
    splices.enumerated().sorted {
      ($0.element.range.lowerBound, $0.element.range.upperBound, $0.offset)
        < ($1.element.range.lowerBound, $1.element.range.upperBound, $1.offset)
    }.map(\.element)
  }

  /// ``apply(_:to:)`` deflated for a zip entry, without building the spliced bytes: the
  /// pieces (original ranges and replacements) go to ``ParallelDeflate`` as they are.
  static func deflated(_ splices: [Splice], to bytes: [UInt8], level: Int32, file: String) throws -> DeflatedBytes {
    var replacements: [UInt8] = []
    var pieces: [(fromReplacements: Bool, range: Range<Int>)] = []
    var position = 0
    for splice in ordered(splices) {
      precondition(splice.range.lowerBound >= position, "overlapping splices")
      pieces.append((false, position..<splice.range.lowerBound))
      pieces.append((true, replacements.count..<(replacements.count + splice.replacement.count)))
      replacements.append(contentsOf: splice.replacement)
      position = splice.range.upperBound
    }
    pieces.append((false, position..<bytes.count))
    return try bytes.withUnsafeBytes { original in
      try replacements.withUnsafeBytes { added in
        let buffers = pieces.filter { !$0.range.isEmpty }.map { UnsafeRawBufferPointer(rebasing: ($0.fromReplacements ? added : original)[$0.range]) }
        return try ParallelDeflate.deflate(buffers, level: level, file: file)
      }
    }
  }
}

/// Bytes in memory the writer owns, so a large rewritten part is handed to libzip without
/// another copy.
final class OwnedBytes {
  let buffer: UnsafeMutableRawBufferPointer

  init(count: Int) {
    buffer = .allocate(byteCount: max(count, 1), alignment: 1)
  }

  deinit { buffer.deallocate() }

  var count: Int { buffer.count }
}

extension Splice {
  /// ``apply(_:to:)`` into memory of exactly the right size, owned by the result.
  static func applyOwned(_ splices: [Splice], to bytes: [UInt8]) -> (OwnedBytes, Int) {
    let ordered = ordered(splices)
    let size = bytes.count + ordered.reduce(0) { $0 + $1.replacement.count - $1.range.count }
    let output = OwnedBytes(count: size)
    var written = 0
    func copy(_ slice: ArraySlice<UInt8>) {
      slice.withUnsafeBytes { source in
        if let base = source.baseAddress { (output.buffer.baseAddress! + written).copyMemory(from: base, byteCount: source.count) }
        written += source.count
      }
    }
    var position = 0
    for splice in ordered {
      precondition(splice.range.lowerBound >= position, "overlapping splices")
      copy(bytes[position..<splice.range.lowerBound])
      copy(splice.replacement[...])
      position = splice.range.upperBound
    }
    copy(bytes[position...])
    return (output, written)
  }
}
