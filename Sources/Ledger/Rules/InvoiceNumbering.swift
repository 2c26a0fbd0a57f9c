/// Checking that each series is continuous: the numbers missing between 1 and the
/// highest of each (prefix, year), which the law does not allow (a voided invoice keeps
/// its number, so a gap means a number was skipped).
public enum InvoiceNumbering {
  /// The missing numbers of every series in `numbers`, in order.
  ///
  /// - Complexity: O(n log n + gaps).
  public static func gaps(in numbers: [InvoiceNumber]) -> [InvoiceNumber] {
    var highest: [String: (prefix: String, year: Int, max: Int)] = [:]
    var used = Set<InvoiceNumber>()
    for number in numbers {
      used.insert(number)
      let current = highest[number.series]?.max ?? 0
      highest[number.series] = (number.prefix, number.year, max(current, number.sequence))
    }
    var missing: [InvoiceNumber] = []
    for series in highest.values.sorted(by: { ($0.prefix, $0.year) < ($1.prefix, $1.year) }) {
      for sequence in 1...series.max {
        let number = InvoiceNumber(prefix: series.prefix, year: series.year, sequence: sequence)!
        if !used.contains(number) { missing.append(number) }
      }
    }
    return missing
  }
}
