extension RandomAccessCollection where Index == Int {
  /// The index of the element whose `key` is `target`, in a collection sorted by ascending,
  /// distinct keys (rows by number); `nil` when there is none. A binary search.
  public func index(ofKey target: Int, _ key: (Element) -> Int) -> Int? {
    var low = startIndex
    var high = endIndex
    while low < high {
      let middle = (low + high) / 2
      if key(self[middle]) < target { low = middle + 1 } else { high = middle }
    }
    return low < endIndex && key(self[low]) == target ? low : nil
  }
}
