import ArgumentParser
import Documents
import Ledger
import SheetSync
import Wording

/// `suivi letter [CLIENT] [--level N] [--all] [--draft]`.
struct LetterCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "letter",
    abstract: say("Write reminder letters: one per client, listing all its overdue invoices, in the tone of the level; records the reminder."),
    discussion: say(
      "Level 1: a friendly reminder; 2: a reminder letter (registered), payment within the level's days; 3: the formal notice (mise en demeure, LRAR) with the L441-10 penalties to the letter's day and the D441-5 indemnity per invoice; 4: the injonction de payer file, a summary of the claim for the court. Without --level, each client's level due that day. --all writes every letter due that day. Writing a letter records its reminder (each invoice at its level, by the level's channel), unless --draft."
    ))

  @OptionGroup var options: DocumentOptions
  @Argument(help: ArgumentHelp(say("The client (not with --all)."))) var client: String?
  @Option(help: ArgumentHelp(say("The level (1–4): the letter's tone; default the client's level due that day."))) var level: Int?
  @Flag(help: ArgumentHelp(say("Every letter due that day, each client at its level."))) var all = false
  @Flag(help: ArgumentHelp(say("Only write the letter: no reminder is recorded."))) var draft = false

  func validate() throws {
    if all == (client != nil) { throw ValidationError(say("give a client or --all")) }
    if all, level != nil { throw ValidationError(say("--level is for one client's letter")) }
    if let level, !(1...4).contains(level) { throw ValidationError(say("--level: \(level) is not 1 to 4")) }
  }

  func run() throws {
    try reportingErrors {
      let opened = try options.ledger.open()
      let settings = try opened.read { try $0.settings() }
      let context = try options.context(settings)
      let day = context.day
      // The clients and their levels: those due that day (not an invoice with an open conflict:
      // its sheet may say it was paid), or the one named at the level given.
      let conflicted = Set(try ConflictDesk(ledger: opened).openConflicts().map(\.number))
      // The levels due that day, unless a level is given.
      let due = all || level == nil ? try opened.read { try $0.dueRemindersByClient(asOf: day) } : []
      var targets: [(client: String, level: Int)] = []
      if all {
        targets = due.map { ($0.client, $0.level) }
      } else if let client {
        let name = try opened.read { try $0.client(named: client).name }
        guard let level = level ?? due.first(where: { $0.client == name })?.level else {
          throw LedgerError.reminderRefused(number: name, level: 0, reason: "no invoice of \(name) is due a reminder on \(day): give --level")
        }
        targets = [(name, level)]
      }
      var documents: [MadeDocument] = []
      for (name, level) in targets {
        var account = try opened.read { try $0.account(of: name, asOf: day, claiming: level >= 3) }
        // What the letter lists is what it records: the invoices due a reminder that day (each
        // at its level), or with --level every overdue invoice not contested.
        if self.level == nil {
          let listed = Set(due.first { $0.client == name }?.invoices.map(\.number) ?? [])
          account.open = account.open.filter { $0.daysLate <= 0 || listed.contains($0.number) }
        }
        let held = account.overdue.map(\.number).filter(conflicted.contains)
        if !held.isEmpty {
          StandardError.write(say("held back: \(name)'s letter (\(held.joined(separator: ", ")) with an open conflict): see `suivi conflicts`") + "\n")
          continue
        }
        let step = settings.dunning.levels[min(level, settings.dunning.levels.count) - 1]
        let proofs = level >= 4 ? try Self.proofs(of: name, in: opened, words: context) : [:]
        do {
          documents.append(try ReminderLetter.make(account, level: level, step: step, context: context, proofs: proofs, draft: draft))
        } catch let DocumentError.rateMissing(key, from) where all {
          // The day's other letters are written; this one waits for its rate.
          StandardError.write(say("held back: \(name)'s letter (the rate in force on \(from) is not in the table: suivi config set \(key) RATE)") + "\n")
        }
      }
      guard !documents.isEmpty else { return try emit(say("No letter to write on \(day)") + "\n") }
      try options.keep(documents, context: context, command: "letter") { session, document in
        guard !draft, let name = document.client, let level = document.level else { return }
        // A letter is mail: a level whose channel is a call is recorded as a letter.
        let step = settings.dunning.levels[min(level, settings.dunning.levels.count) - 1]
        let channel: ReminderChannel = step.channel == .phone ? .letter : step.channel
        if self.level == nil {
          try session.recordClientReminder(name, on: day, channel: channel)
        } else {
          // An invoice that had this level (or a later one) already keeps its reminders.
          let reached = Dictionary(try session.account(of: name, asOf: day).open.map { ($0.number, $0.reminders.map(\.level).max() ?? 0) }, uniquingKeysWith: max)
          for number in document.invoices where (reached[number] ?? 0) < level {
            try session.recordReminder(number, level: level, channel: channel, on: day)
          }
        }
      }
    }
  }

  /// The proof of each level's letter to `client`: how it was sent (a registered letter's
  /// tracking number), and its acknowledgement.
  static func proofs(of client: String, in ledger: Ledger, words context: DocumentContext) throws -> [Int: String] {
    let words = context.language
    let (documents, sendings) = try ledger.read { (try $0.documents(client: client), try $0.sendings()) }
    var proofs: [Int: String] = [:]
    for document in documents where document.kind == "letter" {
      guard let level = document.level, let sending = sendings.first(where: { $0.path == document.path }) else { continue }
      var said: Phrase = sending.tracking.map { "\(sending.channel.name) \($0), \(sending.sentOn)" } ?? "\(sending.channel.name), \(sending.sentOn)"
      if let ack = sending.history.last(where: { $0.status == .acknowledged || $0.status == .delivered }) {
        said = said.followed(by: "; \(ack.status.name) \(ack.day)")
      }
      proofs[level] = said.rendered(in: words)
    }
    return proofs
  }
}
