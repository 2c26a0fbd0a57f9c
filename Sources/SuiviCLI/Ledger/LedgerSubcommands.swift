import ArgumentParser

/// The ledger's subcommands, in the order `suivi --help` lists them.
let ledgerSubcommands: [any ParsableCommand.Type] = [
  LedgerInit.self, ClientCommand.self, InvoiceCommand.self, PaymentCommand.self, RemindCommand.self, ReportCommand.self,
  ConfigCommand.self, BusinessCommand.self, TodayCommand.self, DashboardCommand.self, LetterCommand.self, StatementCommand.self, ReceiptCommand.self, RecapCommand.self,
  DocumentsCommand.self, SendCommand.self, SentCommand.self, BankCommand.self, LedgerBenchCommand.self,
]
