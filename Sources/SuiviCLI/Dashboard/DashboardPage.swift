import CivilDate
import Ledger
import Wording

/// The dashboard as one self-contained HTML page: inline CSS and SVG, no script, nothing
/// fetched (a `Content-Security-Policy` forbids it), in the run's language.
enum DashboardPage {
  static func render(_ data: DashboardData, language: Language) -> String {
    func t(_ phrase: Phrase) -> String { escape(phrase.rendered(in: language)) }
    let total = data.businesses.reduce(Cents.zero) { $0 + $1.owed }
    var html = """
      <!DOCTYPE html>
      <html lang="\(language.rawValue)">
      <head>
      <meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(t("Suivi — dashboard of \(data.date)"))</title>
      <style>\(css)</style>
      </head>
      <body>
      <header><h1>\(t("Dashboard"))</h1><p>\(t("As of \(data.date): \(total) owed across \(data.businesses.count) business(es)"))</p></header>

      """
    if data.businesses.isEmpty { html += "<p class=\"empty\">\(t("No business yet (suivi business add NAME)"))</p>\n" }
    for business in data.businesses {
      html += "<section class=\"business\">\n<h2>\(escape(business.name))</h2>\n"
      html += "<div class=\"figures\">"
      html += figure(t("Owed"), t("\(business.owed)"))
      let overdue = business.owed - business.aged.notDue
      html += figure(t("Overdue"), t("\(overdue)"), alert: overdue.isPositive)
      let dso: Phrase = business.dso.last?.tenths.map { value in "\(decimal: tenths(value)) days" } ?? "n/a"
      html += figure(t("DSO (90 days)"), t(dso))
      html += figure(t("Reminders due"), "\(business.reminders.count)", alert: !business.reminders.isEmpty)
      html += figure(t("Open conflicts"), "\(business.conflicts)", alert: business.conflicts > 0)
      html += figure(t("Trackers to sync"), "\(business.trackersToSync)", alert: business.trackersToSync > 0)
      html += "</div>\n"
      html += "<h3>\(t("Aged balance"))</h3>\n" + agedChart(business.aged, t)
      html += "<h3>\(t("DSO over the last twelve months"))</h3>\n" + dsoChart(business.dso, language: language, t)
      html += "<h3>\(t("Reminders due"))</h3>\n"
      if business.reminders.isEmpty {
        html += "<p class=\"empty\">\(t("No reminder due"))</p>\n"
      } else {
        html += "<table><thead><tr><th>\(t("Client"))</th><th>\(t("Level"))</th><th>\(t("Channel"))</th><th class=\"n\">\(t("Amount due"))</th><th class=\"n\">\(t("Days late"))</th><th>\(t("Invoices"))</th></tr></thead><tbody>\n"
        for reminder in business.reminders {
          let step = Phrase.dunningStep(level: reminder.level, name: reminder.name)
          html += "<tr><td>\(escape(reminder.client))</td><td>\(t("\(reminder.level) \(step)"))</td><td>\(t(reminder.channel.name))</td>"
          html += "<td class=\"n\">\(t("\(reminder.amountDue)"))</td><td class=\"n\">\(reminder.daysLate)</td>"
          html += "<td>\(escape(reminder.invoices.map(\.number).joined(separator: ", ")))</td></tr>\n"
        }
        html += "</tbody></table>\n"
      }
      html += "</section>\n"
    }
    html += "<footer>\(t("Made by suivi dashboard on \(data.date); nothing in this page is fetched from a network."))</footer>\n</body>\n</html>\n"
    return html
  }

  static func figure(_ label: String, _ value: String, alert: Bool = false) -> String {
    "<div class=\"figure\(alert ? " alert" : "")\"><span class=\"label\">\(label)</span><span class=\"value\">\(value)</span></div>"
  }

  static func tenths(_ value: Int64) -> String { "\(value / 10).\(value % 10)" }

  /// The aged balance as one horizontal bar of five parts, with its legend.
  static func agedChart(_ aged: AgedBalance, _ t: (Phrase) -> String) -> String {
    let parts: [(Phrase, Cents, String)] = [
      ("Not due", aged.notDue, "#4c9a6a"), ("1–30 days", aged.days1to30, "#e0b000"), ("31–60 days", aged.days31to60, "#e07b00"),
      ("61–90 days", aged.days61to90, "#d0481f"), ("> 90 days", aged.over90, "#8e1b1b"),
    ]
    let width = 640.0
    let total = Double(max(aged.total.value, 1))
    var x = 0.0
    var svg = "<svg class=\"aged\" role=\"img\" width=\"\(Int(width))\" height=\"86\" viewBox=\"0 0 \(Int(width)) 86\">"
    svg += "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"28\" fill=\"#eee\"/>"
    for (_, amount, colour) in parts where amount.isPositive {
      let w = width * Double(amount.value) / total
      svg += "<rect x=\"\(format(x))\" y=\"0\" width=\"\(format(w))\" height=\"28\" fill=\"\(colour)\"/>"
      x += w
    }
    for (index, (label, amount, colour)) in parts.enumerated() {
      let lx = Double(index) * 128
      svg += "<rect x=\"\(format(lx))\" y=\"40\" width=\"12\" height=\"12\" fill=\"\(colour)\"/>"
      svg += "<text x=\"\(format(lx + 16))\" y=\"50\">\(t(label))</text>"
      svg += "<text x=\"\(format(lx + 16))\" y=\"70\" class=\"amount\">\(t("\(amount)"))</text>"
    }
    return svg + "</svg>\n"
  }

  /// DSO at each month's end as a line, with its values; a month with nothing invoiced is
  /// left out of the line.
  static func dsoChart(_ points: [(day: Day, tenths: Int64?)], language: Language, _ t: (Phrase) -> String) -> String {
    let known = points.compactMap(\.tenths)
    guard !known.isEmpty else { return "<p class=\"empty\">\(t("Nothing invoiced: no DSO"))</p>\n" }
    let (width, height, left, top, bottom) = (640.0, 210.0, 40.0, 24.0, 40.0)
    let top_ = Double(max(known.max()!, 10))
    let step = (width - left - 40) / Double(max(points.count - 1, 1))
    func y(_ tenths: Int64) -> Double { top + (height - top - bottom) * (1 - Double(tenths) / top_) }
    var svg = "<svg class=\"dso\" role=\"img\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">"
    svg += "<line x1=\"\(format(left))\" y1=\"\(format(height - bottom))\" x2=\"\(format(width - 40))\" y2=\"\(format(height - bottom))\" stroke=\"#999\"/>"
    svg += "<text x=\"0\" y=\"\(format(top + 4))\" class=\"axis\">\(t("\(decimal: tenths(Int64(top_))) days"))</text>"
    var path: [String] = []
    for (index, point) in points.enumerated() {
      let px = left + Double(index) * step
      // The month: `02/25` in French, `25-02` in English.
      let label = language == .french ? String(Numerals.frenchDay(point.day).dropFirst(3)).replacing(/\/\d\d(\d\d)$/) { "/" + $0.output.1 } : String(point.day.description.dropFirst(2).prefix(5))
      svg += "<text x=\"\(format(px))\" y=\"\(format(height - bottom + 16))\" class=\"axis\" text-anchor=\"middle\">\(escape(String(label)))</text>"
      guard let value = point.tenths else { continue }
      path.append("\(format(px)),\(format(y(value)))")
      svg += "<circle cx=\"\(format(px))\" cy=\"\(format(y(value)))\" r=\"3\" fill=\"#2b5d9b\"/>"
      svg += "<text x=\"\(format(px))\" y=\"\(format(y(value) - 6))\" class=\"point\" text-anchor=\"middle\">\(t("\(decimal: tenths(value))"))</text>"
    }
    svg += "<polyline fill=\"none\" stroke=\"#2b5d9b\" stroke-width=\"2\" points=\"\(path.joined(separator: " "))\"/>"
    return svg + "</svg>\n"
  }

  static func format(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }

  /// Text as HTML: `&`, `<`, `>`, quotes escaped.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(character)
      }
    }
    return out
  }

  static let css = """
    body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;margin:24px;color:#222;background:#fafafa}
    header h1{margin:0 0 4px}header p{margin:0 0 16px;color:#555}
    section.business{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px 16px;margin:0 0 18px}
    h2{margin:0 0 8px}h3{margin:14px 0 6px;font-size:15px;color:#444}
    .figures{display:flex;flex-wrap:wrap;gap:10px}
    .figure{border:1px solid #ddd;border-radius:4px;padding:6px 10px;min-width:110px}
    .figure .label{display:block;font-size:12px;color:#666}.figure .value{font-size:18px;font-weight:bold}
    .figure.alert{border-color:#d0481f}.figure.alert .value{color:#b3261e}
    svg text{font-size:11px;fill:#333}svg text.amount{font-weight:bold}svg text.axis{fill:#777}
    table{border-collapse:collapse;font-size:13px}th,td{border-bottom:1px solid #eee;padding:4px 8px;text-align:left}
    td.n,th.n{text-align:right}.empty{color:#777;font-style:italic}footer{color:#888;font-size:11px}
    """
}
