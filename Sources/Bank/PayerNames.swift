import Ledger

/// The clients' names as the matcher compares them with a payer: each name's words folded
/// (accents, case, punctuation and legal forms aside) as bytes, and the clients indexed by
/// the first three letters of each word, so that a payer is compared only with the clients
/// sharing one of its words' beginnings.
struct PayerNames: Sendable {
  /// A name's words, and all of them run together.
  struct Name: Sendable {
    let words: [[UInt8]]
    let joined: [UInt8]

    init(_ text: String) {
      words = PayerNames.words(text).map { Array($0.utf8) }
      joined = words.flatMap { $0 }
    }
  }

  let names: [Name]
  private let byStem: [UInt32: [Int32]]

  init(_ clients: [String]) {
    names = clients.map(Name.init)
    var byStem: [UInt32: [Int32]] = [:]
    for (index, name) in names.enumerated() {
      for stem in Set(name.words.compactMap(Self.stem)) { byStem[stem, default: []].append(Int32(index)) }
    }
    self.byStem = byStem
  }

  static let legalForms: Set<String> = [
    "SARL", "SAS", "SASU", "SA", "EURL", "SCI", "SNC", "SCOP", "SELARL", "ETS", "STE", "SOCIETE", "CIE", "ET", "LES", "LE", "LA", "DE", "DU", "DES", "M",
    "MME", "MR", "MLLE",
  ]

  /// A name as words: accents, case, punctuation and legal forms aside.
  static func words(_ text: String) -> [String] {
    Spelling.labelWords(text).filter { !legalForms.contains($0) }
  }

  /// A word's first three bytes, the index's key (a word shorter is not indexed).
  static func stem(_ word: [UInt8]) -> UInt32? {
    word.count >= 3 ? UInt32(word[0]) << 16 | UInt32(word[1]) << 8 | UInt32(word[2]) : nil
  }

  /// The clients whose names are at least `threshold` close to `said` (0–100), closest first,
  /// as (index, closeness).
  func closest(to said: Name, threshold: Int) -> [(index: Int, closeness: Int)] {
    var seen = Set<Int32>()
    var scratch: [Int] = []
    var found: [(Int, Int)] = []
    for stem in said.words.compactMap(Self.stem) {
      for index in byStem[stem] ?? [] where seen.insert(index).inserted {
        let closeness = Self.closeness(said, names[Int(index)], atLeast: threshold, scratch: &scratch)
        if closeness >= threshold { found.append((Int(index), closeness)) }
      }
    }
    return found.sorted { ($0.1, -$0.0) > ($1.1, -$1.0) }
  }

  /// How close two names are (0–100): the same words run together 100; every word of the
  /// shorter in the longer (a label around the name, a name written shorter) 95; the same with
  /// one letter wrong in words of five letters or more 85; else by the edit distance of the
  /// words run together. Below `threshold`, 0 may be said without the distance computed.
  static func closeness(_ x: Name, _ y: Name, atLeast threshold: Int = 0, scratch: inout [Int]) -> Int {
    guard !x.words.isEmpty, !y.words.isEmpty else { return 0 }
    if x.joined == y.joined { return 100 }
    let (short, long) = x.words.count <= y.words.count ? (x.words, y.words) : (y.words, x.words)
    if short.allSatisfy({ long.contains($0) }) { return 95 }
    if short.allSatisfy({ word in
      long.contains { $0 == word || (word.count >= 5 && abs($0.count - word.count) <= 1 && distance($0, word, limit: 1, scratch: &scratch) <= 1) }
    }) {
      return 85
    }
    let longest = max(x.joined.count, y.joined.count)
    // The most edits that keep the names `threshold` close: 100 - 100 × edits / longest
    // (rounded down) at least `threshold`.
    let limit = ((101 - threshold) * longest - 1) / 100
    let edits = distance(x.joined, y.joined, limit: threshold > 0 ? limit : longest, scratch: &scratch)
    if edits > limit, threshold > 0 { return 0 }
    return max(0, 100 - 100 * edits / longest)
  }

  /// The Levenshtein distance of two byte strings, in one row of `scratch`; once it is sure
  /// to exceed `limit`, some number above `limit`.
  static func distance(_ x: [UInt8], _ y: [UInt8], limit: Int, scratch: inout [Int]) -> Int {
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    // The distance is at least the difference in length.
    if abs(x.count - y.count) > limit { return limit + 1 }
    if scratch.count < y.count + 1 { scratch = Array(repeating: 0, count: y.count + 1) }
    return scratch.withUnsafeMutableBufferPointer { row in
      for j in 0...y.count { row[j] = j }
      for i in 1...x.count {
        var diagonal = row[0]
        row[0] = i
        var smallest = i
        for j in 1...y.count {
          let above = row[j]
          row[j] = min(above + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1))
          diagonal = above
          smallest = min(smallest, row[j])
        }
        // A row's smallest value never decreases below: past the limit, it stays past.
        if smallest > limit { return limit + 1 }
      }
      return row[y.count]
    }
  }
}
