import Foundation

/// The project's read-only `shared/` folder (the corpus, the tracker maker): `SUIVI_SHARED`,
/// or the folder beside the repository.
public enum SharedFolder {
  public static var url: URL {
    if let path = ProcessInfo.processInfo.environment["SUIVI_SHARED"], !path.isEmpty {
      return URL(fileURLWithPath: path)
    }
    return URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("shared")
  }

  public static var corpus: URL { url.appendingPathComponent("corpus/xlsx") }

  /// Whether the folder is there, with its tracker maker and corpus manifest.
  public static var isPresent: Bool {
    FileManager.default.fileExists(atPath: url.appendingPathComponent("tools/make_tracker.py").path)
      && FileManager.default.fileExists(atPath: corpus.appendingPathComponent("MANIFEST.tsv").path)
  }

  /// What to do when it is missing, in one line.
  public static var missingAdvice: String {
    "the project's shared folder is not at \(url.path): set SUIVI_SHARED to it (it holds the corpus and tools/make_tracker.py)"
  }

  /// The repository's root folder.
  public static var repository: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }
}
