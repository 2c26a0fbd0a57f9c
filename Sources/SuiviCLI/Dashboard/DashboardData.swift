import CivilDate
import Ledger
import SheetSync

/// What the dashboard shows of each business, as of a day.
struct DashboardData {
  struct Business {
    var name: String
    var owed: Cents
    var aged: AgedBalance
    /// DSO at each month's end of the last year (and the day), in tenths of a day;
    /// `nil` where nothing was invoiced over the 90 days before.
    var dso: [(day: Day, tenths: Int64?)]
    /// The reminders due, one line per client.
    var reminders: [ClientReminder]
    var conflicts: Int
    /// Trackers changed since their last sync, or gone.
    var trackersToSync: Int
  }

  var date: Day
  var businesses: [Business]

  /// The month-ends of the twelve months before `day`, then `day`.
  static func dsoDays(before day: Day) -> [Day] {
    var days: [Day] = []
    var year = day.year
    var month = day.month
    for _ in 0..<12 {
      // The last day of the month before (year, month).
      let first = Day(year: year, month: month, day: 1)!
      days.append(first.adding(days: -1))
      (year, month) = month == 1 ? (year - 1, 12) : (year, month - 1)
    }
    return days.reversed() + [day]
  }

  /// One business's panel, read from its ledger.
  static func business(named name: String, ledger: Ledger, asOf day: Day) throws -> Business {
    let (report, dso, agenda) = try ledger.read { session in
      let report = try session.report(asOf: day)
      let dso = try dsoDays(before: day).filter(\.isSupported).map { end in (end, try session.report(asOf: end).dsoTenths) }
      return (report, dso, try session.agenda(asOf: day))
    }
    let conflicts = try ConflictDesk(ledger: ledger).openConflicts().count
    let trackers = try SyncEngine(ledger: ledger).trackers().filter { $0.changed || $0.missing }.count
    return Business(
      name: name, owed: report.owed, aged: report.aged, dso: dso, reminders: agenda.statements, conflicts: conflicts,
      trackersToSync: trackers)
  }
}
