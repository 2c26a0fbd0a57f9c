import DocumentLibraries

/// How a run of text looks.
struct TextStyle: Sendable, Equatable {
  enum Alignment: Sendable { case left, right, center }

  var size: Double = 9.5
  var bold = false
  var italic = false
  var alignment: Alignment = .left
  var colour: Colour = .text

  static let body = TextStyle()
  static let small = TextStyle(size: 8, colour: .muted)
  static let strong = TextStyle(bold: true)
  static let title = TextStyle(size: 13, bold: true)
}

/// Text laid out by Pango on the PDF's context: wrapped to a width, measured, drawn. One
/// Pango layout, reused; fonts are found by fontconfig (a metric-compatible family first),
/// embedded and subset by cairo.
final class TextEngine {
  /// The families asked for, in order: Liberation Sans (metric-compatible with Arial), then
  /// DejaVu Sans, both Debian packages the set-up installs.
  static let families = "Liberation Sans, DejaVu Sans"

  private let writer: PDFWriter
  private let layout: OpaquePointer
  private var descriptions: [String: OpaquePointer] = [:]

  init(writer: PDFWriter) {
    self.writer = writer
    layout = pango_cairo_create_layout(writer.context)
    // Points, not pixels: 1 unit of the PDF is 1 point of a font.
    pango_cairo_context_set_resolution(pango_layout_get_context(layout), 72)
    pango_layout_context_changed(layout)
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
  }

  deinit {
    for description in descriptions.values { pango_font_description_free(description) }
    g_object_unref(UnsafeMutableRawPointer(layout))
  }

  private func description(_ style: TextStyle) -> OpaquePointer {
    let key = "\(style.size)-\(style.bold)-\(style.italic)"
    if let found = descriptions[key] { return found }
    let description = pango_font_description_from_string("\(Self.families) \(style.size)")!
    if style.bold { pango_font_description_set_weight(description, PANGO_WEIGHT_BOLD) }
    if style.italic { pango_font_description_set_style(description, PANGO_STYLE_ITALIC) }
    descriptions[key] = description
    return description
  }

  private func prepare(_ text: String, _ style: TextStyle, width: Double?) {
    pango_layout_set_font_description(layout, description(style))
    pango_layout_set_width(layout, width.map { Int32(($0 * Double(suivi_pango_scale())).rounded(.down)) } ?? -1)
    switch style.alignment {
    case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
    case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
    case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
    }
    pango_layout_set_text(layout, text, -1)
  }

  /// The text's size once laid out in `width` points (unbounded without one).
  func measure(_ text: String, _ style: TextStyle, width: Double?) -> (width: Double, height: Double) {
    prepare(text, style, width: width)
    var w: Int32 = 0
    var h: Int32 = 0
    pango_layout_get_size(layout, &w, &h)
    let scale = Double(suivi_pango_scale())
    return (Double(w) / scale, Double(h) / scale)
  }

  /// Draws the text with its top left corner at (x, y); its height.
  @discardableResult
  func draw(_ text: String, _ style: TextStyle, x: Double, y: Double, width: Double?) -> Double {
    let height = measure(text, style, width: width).height
    writer.setColour(style.colour)
    cairo_move_to(writer.context, x, y)
    pango_cairo_show_layout(writer.context, layout)
    return height
  }
}
