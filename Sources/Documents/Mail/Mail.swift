import CivilDate
import Foundation
import Ledger
import Wording

/// The e-mail that carries a document: its body from the `mail` template.
public enum Mail {
  public static func body(title: String, client: Client?, context: DocumentContext) throws -> String {
    var values = context.commonValues(client: client)
    values["document"] = title
    let (before, after, _) = try context.templates.paragraphs("mail.\(context.language.rawValue)", values)
    return (before + after).joined(separator: "\n\n") + "\n"
  }

  /// 09:00 in Paris on `day`: a message's date when the day is given (the same bytes).
  public static func nineInParis(_ day: Day) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
    return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 9)) ?? Date(timeIntervalSince1970: 0)
  }
}
