import Foundation
import Testing

import Ledger
import TestSupport

/// The hand-spelled JSON string literal reads back, through Foundation's decoder, as the
/// text it was made from: quotes, backslashes, control characters, accents, emoji.
@Suite struct JSONLiteralTests {
  static func decoded(_ literal: String) throws -> String {
    try JSONDecoder().decode(String.self, from: Data(literal.utf8))
  }

  @Test(arguments: ["", "Dumont & co", "Réglée", "a\"b\\c", "ligne 1\nligne 2\r\t", "\u{0}\u{1}\u{1F}", "😀 €", "</script>"])
  func readsBack(_ text: String) throws {
    #expect(try Self.decoded(JSONLiteral.string(text)) == text)
  }

  @Test(arguments: 1...30)
  func randomTextReadsBack(seed: Int) throws {
    var random = SplitMix64(state: UInt64(seed))
    let alphabet: [Character] = ["a", "é", "\"", "\\", "\n", "\u{1}", "\u{7F}", "😀", " ", "\u{2028}", "/"]
    let text = String((0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
    #expect(try Self.decoded(JSONLiteral.string(text)) == text, "seed \(seed): \(text.debugDescription)")
  }
}
