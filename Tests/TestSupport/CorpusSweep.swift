import Foundation

/// The files of the shared corpus a sweep reads, and how to reproduce a failure on one.
///
/// `SUIVI_CORPUS_ONLY=TEXT` keeps the files whose corpus-relative path contains TEXT, so
/// a failure on one file is checked again alone, in seconds.
public enum CorpusSweep {
  /// The `SUIVI_CORPUS_ONLY` filter, if any.
  public static var only: String? {
    guard let text = ProcessInfo.processInfo.environment["SUIVI_CORPUS_ONLY"], !text.isEmpty else { return nil }
    return text
  }

  /// Whether the sweep reads only some files (its counts are then not checked).
  public static var isFiltered: Bool { only != nil }

  /// The corpus-relative paths listed in `MANIFEST.tsv`, filtered by `SUIVI_CORPUS_ONLY`.
  public static func files() throws -> [String] {
    let text = try String(contentsOf: SharedFolder.corpus.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8)
    let all = text.split(separator: "\n").dropFirst().compactMap { $0.split(separator: "\t").first.map(String.init) }
    guard let only else { return all }
    return all.filter { $0.contains(only) }
  }

  /// The one command that runs `test` (`Suite/test`) again on `file` alone.
  public static func reproduce(_ file: String, test: String) -> String {
    "reproduce: SUIVI_CORPUS_ONLY='\(file)' scripts/test --filter '\(test)'"
  }

  /// At most `most` of `items`, spread evenly with the first and the last: a sweep that
  /// does a whole workbook's work per sheet takes a dozen sheets of the corpus's
  /// 1,024-sheet workbook, not all of them.
  public static func spread<T>(_ items: [T], most: Int = 12) -> [T] {
    guard items.count > most, most > 1 else { return items }
    let picked = Set((0..<most).map { ($0 * (items.count - 1) + (most - 1) / 2) / (most - 1) })
    return items.indices.filter { picked.contains($0) }.map { items[$0] }
  }
}
