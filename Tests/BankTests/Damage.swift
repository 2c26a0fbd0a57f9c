import Testing
import TestSupport

@testable import Bank

/// Feeds `rounds` damaged copies of `bytes` to `read` — cut short (even rounds) or with one
/// to four bytes flipped (odd rounds), drawn from `seed` — and records any failure other than
/// a ``BankFileError`` refusal, with the seed and the round to replay it.
func expectDamageRefused(
  _ bytes: [UInt8], seed: UInt64, rounds: Int = 1_000, sourceLocation: SourceLocation = #_sourceLocation, _ read: ([UInt8]) throws -> Void
) {
  var random = SplitMix64(state: seed)
  for round in 0..<rounds {
    var damaged = bytes
    if round % 2 == 0 {
      damaged = Array(damaged.prefix(random.below(damaged.count)))
    } else {
      for _ in 0..<(1 + random.below(4)) { damaged[random.below(damaged.count)] = UInt8(random.below(256)) }
    }
    do {
      try read(damaged)
    } catch is BankFileError {
    } catch {
      Issue.record("seed \(seed), round \(round): \(error)", sourceLocation: sourceLocation)
    }
  }
}
