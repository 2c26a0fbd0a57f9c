import CivilDate
import Foundation

/// An e-mail carrying one document: RFC 5322 headers (names and subject in UTF-8 encoded
/// words, RFC 2047), a `multipart/mixed` body (MIME, RFC 2045–2046) of a UTF-8 text and the
/// attachment, its file name in RFC 2231 form. The same inputs give the same bytes.
public struct MailMessage: Sendable {
  public var from: (name: String, address: String)
  public var to: (name: String?, address: String)
  public var subject: String
  public var body: String
  public var attachment: (name: String, type: String, bytes: [UInt8])
  /// The message's date: the day given, at 09:00 in Paris (UTC+1), or now.
  public var date: Date

  public init(
    from: (name: String, address: String), to: (name: String?, address: String), subject: String, body: String,
    attachment: (name: String, type: String, bytes: [UInt8]), date: Date
  ) {
    self.from = from
    self.to = to
    self.subject = subject
    self.body = body
    self.attachment = attachment
    self.date = date
  }

  /// An address as a header gives it: `=?UTF-8?B?…?= <a@b.fr>`, or the address alone.
  static func mailbox(_ name: String?, _ address: String) -> String {
    guard let name, !name.isEmpty else { return address }
    return "\(encodedWord(name)) <\(address)>"
  }

  /// A header's text: as it is when it is printable ASCII without specials, else one or
  /// more RFC 2047 encoded words (base64 of UTF-8, each at most 75 characters).
  static func encodedWord(_ text: String) -> String {
    if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F && !"\"()<>@,;:\\[]=?_".unicodeScalars.contains($0) }) {
      return text
    }
    // Split on characters so that no UTF-8 sequence is cut between two words.
    var words: [String] = []
    var chunk = ""
    for character in text {
      let next = chunk + String(character)
      if Data(next.utf8).base64EncodedString().count > 60 {
        words.append(chunk)
        chunk = String(character)
      } else {
        chunk = next
      }
    }
    if !chunk.isEmpty { words.append(chunk) }
    return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
  }

  /// Base64 in lines of 76 characters.
  static func base64Lines(_ bytes: [UInt8]) -> String {
    let text = Data(bytes).base64EncodedString()
    var lines: [Substring] = []
    var index = text.startIndex
    while index < text.endIndex {
      let end = text.index(index, offsetBy: 76, limitedBy: text.endIndex) ?? text.endIndex
      lines.append(text[index..<end])
      index = end
    }
    return lines.joined(separator: "\r\n")
  }

  /// A file name in RFC 2231 form (`UTF-8''…`, percent-encoded).
  static func extendedValue(_ name: String) -> String {
    let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~".utf8)
    return "UTF-8''" + name.utf8.map { allowed.contains($0) ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }.joined()
  }

  /// The RFC 5322 date: `Mon, 02 Dec 2024 09:00:00 +0100`.
  static func rfc5322(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "Europe/Paris")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
    return formatter.string(from: date)
  }

  /// The message's bytes, lines ending in CRLF.
  public var bytes: [UInt8] {
    let digest = DocumentFingerprint.sha256(Array((subject + body + to.address).utf8) + attachment.bytes)
    let boundary = "suivi-" + digest.prefix(24)
    let domain = from.address.split(separator: "@").last.map(String.init) ?? "suivi.local"
    let asciiName = String(attachment.name.map { $0.isASCII && $0 != "\"" && $0 != "\\" ? $0 : "_" })
    let lines = [
      "From: \(Self.mailbox(from.name, from.address))",
      "To: \(Self.mailbox(to.name, to.address))",
      "Subject: \(Self.encodedWord(subject))",
      "Date: \(Self.rfc5322(date))",
      "Message-ID: <\(digest.prefix(32))@\(domain)>",
      "MIME-Version: 1.0",
      "Content-Type: multipart/mixed; boundary=\"\(boundary)\"",
      "",
      "This is a message in MIME format.",
      "",
      "--\(boundary)",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: base64",
      "",
      Self.base64Lines(Array(body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)),
      "",
      "--\(boundary)",
      "Content-Type: \(attachment.type); name=\"\(asciiName)\"",
      // The UTF-8 name first (RFC 2231), the ASCII one for readers that know only it.
      "Content-Disposition: attachment; filename*=\(Self.extendedValue(attachment.name)); filename=\"\(asciiName)\"",
      "Content-Transfer-Encoding: base64",
      "",
      Self.base64Lines(attachment.bytes),
      "",
      "--\(boundary)--",
      "",
    ]
    return Array(lines.joined(separator: "\r\n").utf8)
  }
}
