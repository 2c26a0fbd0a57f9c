import Foundation

/// "Did you mean": the names nearest to one typed that the ledger does not know, letter
/// case, accents and spacing aside (`dumnot` → `Dumont & co`, `FA-24001` → `FA-240001`).
public enum NameSuggestions {
  /// At most `limit` of `names` near `typed`, nearest first: those within a few edits of
  /// it (a third of its length, at least one), or whose start is (a name typed short),
  /// then those that contain it or that it contains (three letters at least).
  public static func nearest(_ typed: String, among names: some Sequence<String>, limit: Int = 3) -> [String] {
    let key = fold(typed)
    guard !key.isEmpty else { return [] }
    var scored: [(distance: Int, name: String)] = []
    let bound = max(1, key.count / 3)
    for name in names {
      let other = fold(name)
      guard !other.isEmpty, other != key || name != typed else { continue }
      // The whole name, or its start (a name typed short: `Dumnot` for `Dumont & co`).
      if let distance = editDistance(key, other, bound: bound) {
        scored.append((distance, name))
      } else if other.count > key.count, let distance = editDistance(key, Array(other.prefix(key.count)), bound: bound) {
        scored.append((distance + 1, name))
      } else if min(key.count, other.count) >= 3, other.contains(key) || key.contains(other) {
        scored.append((bound + 1, name))
      }
    }
    return scored.sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }.prefix(limit).map(\.name)
  }

  /// Lower case, without accents, letters and digits only.
  static func fold(_ text: String) -> [Character] {
    Array(text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).filter { $0.isLetter || $0.isNumber })
  }

  /// The Levenshtein distance of `a` and `b`, or `nil` when it is more than `bound`.
  static func editDistance(_ a: [Character], _ b: [Character], bound: Int) -> Int? {
    guard abs(a.count - b.count) <= bound else { return nil }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...max(a.count, 1) where !a.isEmpty {
      current[0] = i
      var rowBest = current[0]
      for j in 1...max(b.count, 1) where !b.isEmpty {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        rowBest = min(rowBest, current[j])
      }
      if rowBest > bound { return nil }
      swap(&previous, &current)
    }
    let distance = previous[b.count]
    return distance <= bound ? distance : nil
  }
}
