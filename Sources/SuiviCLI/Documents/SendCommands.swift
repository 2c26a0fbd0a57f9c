import ArgumentParser
import CivilDate
import Documents
import Foundation
import Ledger
import Wording

/// `suivi send DOC.pdf --to ADDRESS`: the document by e-mail, recorded in the send log.
struct SendCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "send",
    abstract: say("Send a document by e-mail: an .eml in the outbox for the mail client, or through the mail server (smtp.url); recorded in the send log."),
    discussion: say(
      "The message (UTF-8 subject and names, the PDF attached, a body from the mail template) is always written to the outbox (--out, default the business's outbox/ folder), never over another. With smtp.url set it is also sent, TLS required but to this machine, the password from SUIVI_SMTP_PASSWORD; a message the server refuses stays in the outbox and is not recorded as sent. --replaces ID sends a corrected document for a rejected send."
    ))

  @OptionGroup var ledger: LedgerOptions
  @Argument(help: ArgumentHelp(say("The document (a PDF)."), valueName: "DOC")) var document: String
  @Option(help: ArgumentHelp(say("The recipient's e-mail address (default: the client's)."), valueName: "ADDRESS")) var to: String?
  @Option(help: ArgumentHelp(say("The recipient's name (default: the client's)."))) var name: String?
  @Option(help: ArgumentHelp(say("The subject (default: the document's title and the business)."))) var subject: String?
  @Option(help: ArgumentHelp(say("The outbox folder (default: the business's outbox)."), valueName: "DIR")) var out: String?
  @Option(help: ArgumentHelp(say("The day (default: today)."))) var date: String?
  @Option(help: ArgumentHelp(say("The rejected send this one corrects (see suivi sent)."), valueName: "ID")) var replaces: Int64?
  @Option(help: ArgumentHelp(say("The message's language: fr or en (default: the documents.language setting)."), valueName: "LANG"))
  var language: String?

  func run() throws {
    try reportingErrors {
      let day = try LedgerArgument.day(date)
      let opened = try ledger.open()
      let path = URL(fileURLWithPath: document).standardizedFileURL.path
      guard let bytes = FileManager.default.contents(atPath: path) else { throw DocumentError.cannotRead(path: path) }
      let (settings, record, client) = try opened.read { session -> (LedgerSettings, DocumentRecord?, Client?) in
        // A correction names a rejected send: checked before anything goes out.
        if let replaces {
          let previous = try session.sending(replaces)
          guard previous.status == .rejected else {
            throw LedgerError.invalidValue(field: "--replaces", text: String(replaces), reason: "is not a rejected send (it is \(previous.status.name))")
          }
        }
        let record = try session.documents().first { $0.path == path }
        return (try session.settings(), record, try record?.client.map { try session.client(named: $0) })
      }
      guard !settings.business.email.isEmpty else {
        throw LedgerError.invalidValue(field: "business.email", text: "", reason: "is not set: the sender's address (suivi config set business.email ADDRESS)")
      }
      guard let address = to ?? client?.email, Self.isAddress(address) else {
        throw LedgerError.invalidValue(field: "--to", text: to ?? "", reason: "is not an e-mail address (name@domain)")
      }
      let chosen = language.flatMap(Language.init(code:)) ?? Language(code: record?.language ?? settings.documentLanguage) ?? .french
      let context = DocumentContext(settings: settings, day: day, language: chosen)
      let title = record?.title ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
      let body = try Mail.body(title: title, client: client, context: context)
      let message = MailMessage(
        from: (settings.business.name, settings.business.email), to: (name ?? client?.name, address),
        subject: subject ?? (settings.business.name.isEmpty ? title : "\(title) — \(settings.business.name)"), body: body,
        attachment: (URL(fileURLWithPath: path).lastPathComponent, Self.mediaType(path), [UInt8](bytes)),
        date: date == nil ? Date() : Mail.nineInParis(day))
      let outbox = try out.map { URL(fileURLWithPath: $0) } ?? Self.outbox(ledger)
      let archive = DocumentArchive(folder: outbox, byYearAndClient: false)
      let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
      // A message never goes over another: a second try the same day gets its own name.
      let emlPath = try archive.write(message.bytes, freshName: "\(day) - \(stem)", extension: "eml")
      var how = emlPath
      if !settings.smtpURL.isEmpty {
        let sender = SMTPSender(
          url: settings.smtpURL, user: settings.smtpUser.isEmpty ? nil : settings.smtpUser,
          password: ProcessInfo.processInfo.environment["SUIVI_SMTP_PASSWORD"], caFile: settings.smtpCAFile.isEmpty ? nil : settings.smtpCAFile)
        try sender.send(message.bytes, from: settings.business.email, to: [address])
        how = settings.smtpURL
      }
      let sent = try opened.write(command: "send") {
        try $0.recordSending(path: path, channel: .email, recipient: address, on: day, message: how, replaces: replaces)
      }
      let said: Phrase =
        settings.smtpURL.isEmpty
        ? "\(emlPath): ready to send to \(address) (send #\(sent.id) recorded)"
        : "sent to \(address) through \(settings.smtpURL) (send #\(sent.id); a copy in \(emlPath))"
      try emit(say(said) + "\n")
    }
  }

  /// The attachment's type, by its extension.
  static func mediaType(_ path: String) -> String {
    switch URL(fileURLWithPath: path).pathExtension.lowercased() {
    case "pdf": "application/pdf"
    case "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    case "csv": "text/csv"
    default: "application/octet-stream"
    }
  }

  static func isAddress(_ text: String) -> Bool {
    let parts = text.split(separator: "@", omittingEmptySubsequences: false)
    return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
  }

  /// The business's outbox, else `outbox/` beside the ledger.
  static func outbox(_ ledger: LedgerOptions) throws -> URL {
    let path = try ledger.resolvedPath()
    let workspace = Workspace.current()
    if let business = try workspace.business(ofLedger: path) { return business.folder(in: workspace).appendingPathComponent("outbox") }
    return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("outbox")
  }
}

/// `suivi sent`: the send log.
struct SentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sent", abstract: say("The send log: every send of a document, its channel, recipient and delivery status over time."),
    subcommands: [List.self, Record.self, Update.self], defaultSubcommand: List.self)

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: say("List the sends, newest first, with their status."))
    @OptionGroup var ledger: LedgerOptions
    @Flag(help: ArgumentHelp(say("Print JSON."))) var json = false

    func run() throws {
      try reportingErrors {
        let sendings = try ledger.open().read { try $0.sendings() }
        if json {
          let items = sendings.map { sending -> LedgerJSON in
            .object([
              ("id", .number(String(sending.id))), ("path", .string(sending.path)), ("title", .text(sending.title)), ("client", .text(sending.client)),
              ("channel", .string(sending.channel.rawValue)), ("recipient", .string(sending.recipient)), ("date", .day(sending.sentOn)),
              ("tracking", .text(sending.tracking)), ("message", .text(sending.message)), ("replaces", sending.replaces.map { .number(String($0)) } ?? .null),
              ("status", .string(sending.status.rawValue)),
              ("history", .array(sending.history.map { .object([("status", .string($0.status.rawValue)), ("date", .day($0.day)), ("reason", .text($0.reason))]) })),
            ])
          }
          return try emit(LedgerJSON.array(items).rendered + "\n")
        }
        if sendings.isEmpty { return try emit(say("Nothing sent yet") + "\n") }
        let rows = sendings.map { sending -> [Phrase] in
          let last = sending.history.last
          let status: Phrase = last.map { entry in entry.reason.map { "\(entry.status.name) on \(entry.day): \($0)" } ?? "\(entry.status.name) on \(entry.day)" } ?? sending.status.name
          return [
            "\(sending.id)", "\(sending.sentOn)", .verbatim(sending.title ?? URL(fileURLWithPath: sending.path).lastPathComponent), sending.channel.name,
            .verbatim(sending.recipient), .verbatim(sending.tracking ?? ""), status,
          ]
        }
        try emit(TextTable.say(header: ["Id", "Date", "Document", "Channel", "Recipient", "Tracking", "Status"], rows: rows))
      }
    }
  }

  /// `suivi sent record DOC --channel C`: a send made outside Suivi (by post, on Chorus Pro).
  struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: say("Record a send made by hand: by post (a registered letter with its tracking number), on Chorus Pro, to a third-party payer."))
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: ArgumentHelp(say("The document sent."), valueName: "DOC")) var document: String
    @Option(help: ArgumentHelp(say("email, letter, lrar, chorus_pro or third_party."))) var channel: String
    @Option(help: ArgumentHelp(say("To whom (default: the document's client)."))) var to: String?
    @Option(help: ArgumentHelp(say("The registered letter's tracking number."))) var tracking: String?
    @Option(help: ArgumentHelp(say("The day (default: today)."))) var date: String?
    @Option(help: ArgumentHelp(say("The rejected send this one corrects (see suivi sent)."), valueName: "ID")) var replaces: Int64?

    func run() throws {
      try reportingErrors {
        let day = try LedgerArgument.day(date)
        let channel = try SendChannel.parse(channel)
        let path = URL(fileURLWithPath: document).standardizedFileURL.path
        let sent = try ledger.open().write(command: "sent record") { session -> Sending in
          let recipient = try to ?? session.documents().first { $0.path == path }?.client ?? ""
          guard !recipient.isEmpty else { throw LedgerError.invalidValue(field: "--to", text: "", reason: "is missing: say to whom it was sent") }
          return try session.recordSending(path: path, channel: channel, recipient: recipient, on: day, tracking: tracking, replaces: replaces)
        }
        try emit(say("send #\(sent.id) recorded: \(sent.channel.name) to \(sent.recipient) on \(day)") + "\n")
      }
    }
  }

  /// `suivi sent update ID --status S`.
  struct Update: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: say("Record what became of a send: delivered, acknowledged (AR received), rejected with its reason."))
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: ArgumentHelp(say("The send's id (see suivi sent)."))) var id: Int64
    @Option(help: ArgumentHelp(say("delivered, acknowledged or rejected."))) var status: String
    @Option(help: ArgumentHelp(say("Why it was rejected."))) var reason: String?
    @Option(help: ArgumentHelp(say("The day (default: today)."))) var date: String?

    func run() throws {
      try reportingErrors {
        let day = try LedgerArgument.day(date)
        let status = try SendStatus.parse(status)
        let sent = try ledger.open().write(command: "sent update") { try $0.updateSending(id, status: status, on: day, reason: reason) }
        let said: Phrase =
          status == .rejected
          ? "send #\(sent.id): rejected on \(day); correct the document and send it again with --replaces \(sent.id)"
          : "send #\(sent.id): \(status.name) on \(day)"
        try emit(say(said) + "\n")
      }
    }
  }
}
