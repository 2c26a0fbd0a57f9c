import CZlib
import Dispatch

/// Bytes deflated for a zip entry, with what the entry's headers need.
struct DeflatedBytes {
  /// The raw deflate stream (no zlib or gzip header), in the pieces it was made in (joined
  /// only as libzip reads them: a copy of the whole would be one more part in memory).
  let chunks: [[UInt8]]
  /// The CRC-32 of the uncompressed bytes.
  let crc: UInt32
  /// The uncompressed size.
  let size: Int

  /// The compressed size.
  var compressedSize: Int { chunks.reduce(0) { $0 + $1.count } }
}

/// Deflates a large part on every core, as pigz does.
///
/// The input (a list of byte ranges, so a spliced part is compressed without first being
/// copied into one buffer) is cut into chunks of ``chunkSize`` bytes. Each chunk is
/// deflated on its own; all but the last end with a sync flush, which closes the last
/// block on a byte boundary without marking it final, so the chunks' streams joined end
/// to end are one valid deflate stream. Chunks do not share a dictionary: over 4 MiB
/// chunks that costs well under 1% of the compressed size. The CRCs of the chunks are
/// combined with `crc32_combine`.
enum ParallelDeflate {
  static let chunkSize = 1 << 22

  /// Deflates the concatenation of `pieces` at `level` (1 fastest … 9 smallest).
  /// - Throws: ``OOXMLError/cannotWrite(file:reason:)`` (naming `file`) when zlib fails,
  ///   which happens only when memory runs out.
  static func deflate(_ pieces: [UnsafeRawBufferPointer], level: Int32, file: String) throws -> DeflatedBytes {
    nonisolated(unsafe) let chunks = chunked(pieces)  // read-only while the chunks are compressed
    nonisolated(unsafe) var results = [Chunk?](repeating: nil, count: chunks.count)
    results.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let output = buffer
      DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
        output[index] = compress(chunks[index], level: level, isLast: index == chunks.count - 1)
      }
    }
    var chunksOut: [[UInt8]] = []
    var crc: UInt = crc32(0, nil, 0)
    var size = 0
    for index in results.indices {
      guard let result = results[index] else { throw OOXMLError.cannotWrite(file: file, reason: "zlib could not deflate a part (out of memory?)") }
      results[index] = nil
      chunksOut.append(result.bytes)
      crc = crc32_combine(crc, result.crc, off_t(result.size))
      size += result.size
    }
    return DeflatedBytes(chunks: chunksOut, crc: UInt32(truncatingIfNeeded: crc), size: size)
  }

  private struct Chunk {
    let bytes: [UInt8]
    let crc: UInt
    let size: Int
  }

  /// `pieces` regrouped into chunks of ``chunkSize`` bytes (the last one shorter); at
  /// least one chunk, even for no bytes.
  static func chunked(_ pieces: [UnsafeRawBufferPointer]) -> [[UnsafeRawBufferPointer]] {
    var chunks: [[UnsafeRawBufferPointer]] = []
    var current: [UnsafeRawBufferPointer] = []
    var currentSize = 0
    for piece in pieces {
      var rest = piece
      while !rest.isEmpty {
        let take = min(rest.count, chunkSize - currentSize)
        current.append(UnsafeRawBufferPointer(rebasing: rest.prefix(take)))
        currentSize += take
        rest = UnsafeRawBufferPointer(rebasing: rest.dropFirst(take))
        if currentSize == chunkSize {
          chunks.append(current)
          current = []
          currentSize = 0
        }
      }
    }
    if !current.isEmpty || chunks.isEmpty { chunks.append(current) }
    return chunks
  }

  /// One chunk as a raw deflate stream: sync-flushed, or finished when it is the last.
  ///
  /// The corresponding zlib functions are `deflateInit2_`, `deflate` and `deflateEnd`.
  private static func compress(_ pieces: [UnsafeRawBufferPointer], level: Int32, isLast: Bool) -> Chunk? {
    var stream = z_stream()
    guard deflateInit2_(&stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { return nil }
    defer { deflateEnd(&stream) }
    let size = pieces.reduce(0) { $0 + $1.count }
    // Sheet XML deflates to about a tenth: start at an eighth and grow if needed, rather than
    // hold deflateBound's (more than the input) for every chunk until they are joined.
    var output = [UInt8](repeating: 0, count: min(Int(deflateBound(&stream, UInt(size))) + 64, size / 8 + 65_536))
    var written = 0
    var crc: UInt = crc32(0, nil, 0)
    for (index, piece) in pieces.enumerated() {
      if let base = piece.baseAddress { crc = crc32(crc, base.assumingMemoryBound(to: Bytef.self), UInt32(piece.count)) }
      let flush = index < pieces.count - 1 ? Z_NO_FLUSH : (isLast ? Z_FINISH : Z_SYNC_FLUSH)
      guard run(&stream, input: piece, flush: flush, output: &output, written: &written) else { return nil }
    }
    if pieces.isEmpty {
      guard run(&stream, input: UnsafeRawBufferPointer(start: nil, count: 0), flush: isLast ? Z_FINISH : Z_SYNC_FLUSH, output: &output, written: &written)
      else { return nil }
    }
    return Chunk(bytes: Array(output[..<written]), crc: crc, size: size)
  }

  /// Feeds `input` to the stream, growing `output` when it fills, until the input is
  /// consumed and the flush is complete.
  private static func run(
    _ stream: inout z_stream, input: UnsafeRawBufferPointer, flush: Int32, output: inout [UInt8], written: inout Int
  ) -> Bool {
    stream.next_in = input.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self)) }
    stream.avail_in = UInt32(input.count)
    while true {
      if written == output.count { output.append(contentsOf: repeatElement(0, count: max(output.count / 2, 4096))) }
      let status = output.withUnsafeMutableBufferPointer { buffer -> Int32 in
        stream.next_out = buffer.baseAddress! + written
        stream.avail_out = UInt32(buffer.count - written)
        let status = CZlib.deflate(&stream, flush)
        written = buffer.count - Int(stream.avail_out)
        return status
      }
      switch status {
      case Z_STREAM_END: return true
      case Z_OK, Z_BUF_ERROR:
        // Done when the input is consumed and zlib left room in the output (so nothing
        // of the flush is pending).
        if stream.avail_in == 0, stream.avail_out > 0, flush != Z_FINISH { return true }
        if status == Z_BUF_ERROR, stream.avail_out > 0 { return false }
      default: return false
      }
    }
  }
}
