import Foundation
import Testing

/// The two tiers of the suite: `scripts/test --quick` (every unit and property test, no
/// LibreOffice, no sweep of the corpus) and `scripts/test` (everything, what CI runs).
///
/// `scripts/test --quick` sets `SUIVI_TEST_TIER=quick`; `swift test` alone runs the full tier.
public enum TestTier {
  /// Whether this run is the quick tier.
  public static var isQuick: Bool {
    ProcessInfo.processInfo.environment["SUIVI_TEST_TIER"] == "quick"
  }
}

extension Tag {
  /// Runs LibreOffice (a conversion, a UNO script).
  @Tag public static var libreOffice: Self
  /// Reads the whole shared corpus (`../shared/corpus`).
  @Tag public static var corpus: Self
  /// Runs a peer over many files or many runs (openpyxl, the crash check).
  @Tag public static var interop: Self
}

extension Trait where Self == ConditionTrait {
  /// Only in the full tier: LibreOffice, sweeps of the corpus, long interop runs.
  public static var fullTier: Self {
    .enabled(if: !TestTier.isQuick, "full tier only: LibreOffice, a corpus sweep or a long interop run (scripts/test)")
  }

  /// Needs the project's `shared/` folder (the corpus, the tracker maker). Without it the
  /// test is skipped with what to do; `scripts/test` (the full tier) refuses to start
  /// without it.
  public static var needsShared: Self {
    .enabled(if: SharedFolder.isPresent, "\(SharedFolder.missingAdvice)")
  }
}
