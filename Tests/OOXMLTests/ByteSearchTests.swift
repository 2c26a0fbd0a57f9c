import Testing

@testable import OOXML
import TestSupport

/// The byte search that tells whether a sheet's bytes mention another sheet (an edit's
/// formulas may reach it) agrees with a plain search, at the edges and at random.
@Suite struct ByteSearchTests {
  static func naive(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
    guard !needle.isEmpty else { return true }
    guard haystack.count >= needle.count else { return false }
    return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
  }

  @Test func edges() {
    let text = Array("<f>'Feuille 1'!A1</f>".utf8)
    #expect(ByteSearch.contains([], in: []))
    #expect(ByteSearch.contains(Array("<f>".utf8), in: text))
    #expect(ByteSearch.contains(Array("A1</f>".utf8), in: text))
    #expect(!ByteSearch.contains(Array("A1</f>>".utf8), in: text))
    #expect(!ByteSearch.contains(Array("x".utf8), in: []))
    #expect(ByteSearch.contains(text, in: text))
  }

  @Test(arguments: 1...40)
  func agreesWithAPlainSearch(seed: Int) {
    var random = SplitMix64(state: UInt64(seed))
    // A small alphabet, so that near-misses (the first byte, then a difference) are common.
    let haystack = (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 97...99, using: &random) }
    for _ in 0..<50 {
      let needle = (0..<Int.random(in: 0...6, using: &random)).map { _ in UInt8.random(in: 97...99, using: &random) }
      #expect(
        ByteSearch.contains(needle, in: haystack) == Self.naive(needle, in: haystack),
        "seed \(seed): \(needle) in \(haystack.count) bytes")
    }
  }
}
