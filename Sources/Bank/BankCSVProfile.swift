import Ledger
import Wording

extension BankCSV {
  /// How to read one bank's CSV, in the spirit of hledger's CSV rules: a few lines of text,
  /// one directive each. Built-in profiles are such texts; an assistant writes her own for a
  /// bank Suivi does not know.
  ///
  /// ```
  /// # Boursorama: dateOp;dateVal;label;category;categoryParent;supplierFound;amount;…
  /// separator ;
  /// columns date=dateOp,value_date=dateVal,label=label,amount=amount,payer=supplierFound
  /// ```
  ///
  /// Directives: `separator ;` (or `,`, `tab`); `skip N` (lines above the header, or above
  /// the first movement when there is no header); `header none` (columns then given by
  /// number); `columns COLUMN=NUMBER|HEADER,…` (date, value_date, label, amount, debit,
  /// credit, reference, payer); `account NAME` (the account the file is of). `#` starts a
  /// comment.
  public struct Profile: Sendable, Equatable {
    public var separator: Character?
    public var skip: Int?
    public var hasHeader = true
    public var columns: [Column: String] = [:]
    public var account: String?

    public init(columns: [Column: String] = [:]) { self.columns = columns }

    /// Reads a profile's text; `source` (a file or a profile's name) says where a bad line is.
    public static func rules(_ text: String, source: String) throws -> Profile {
      var profile = Profile()
      for (offset, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
        let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        if line.isEmpty { continue }
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        let directive = parts[0].lowercased()
        let value = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        func refuse(_ reason: Phrase) -> BankFileError { .malformed(file: source, line: offset + 1, reason: reason) }
        switch directive {
        case "separator":
          switch value.lowercased() {
          case ";": profile.separator = ";"
          case ",": profile.separator = ","
          case "tab", "\\t": profile.separator = "\t"
          default: throw refuse("the separator '\(value)' is not ';', ',' or 'tab'")
          }
        case "skip":
          guard let count = Int(value), (0...100).contains(count) else { throw refuse("'skip \(value)' is not a number of lines from 0 to 100") }
          profile.skip = count
        case "header":
          guard value.lowercased() == "none" else { throw refuse("'header \(value)': the only choice is 'header none'") }
          profile.hasHeader = false
        case "columns":
          do {
            profile.columns = try mapping(value)
          } catch {
            throw refuse("'\(value)' is not COLUMN=NUMBER or COLUMN=HEADER (date, value_date, label, amount, debit, credit, reference, payer)")
          }
        case "account":
          guard !value.isEmpty else { throw refuse("'account' names no account") }
          profile.account = value
        default:
          throw refuse("'\(directive)' is not a directive (separator, skip, header, columns, account)")
        }
      }
      if !profile.hasHeader {
        guard profile.columns.values.allSatisfy({ Int($0) != nil }) else {
          throw BankFileError.malformed(file: source, line: 1, reason: "without a header, columns are given by number")
        }
      }
      return profile
    }

    /// The banks whose exports Suivi knows by name, each a profile's text. Crédit Agricole,
    /// Crédit Mutuel and CIC, Fortuneo and others whose headers are plain French are found
    /// without one; these name what the headers alone do not say.
    public static let builtIn: [String: String] = [
      // dateOp;dateVal;label;category;categoryParent;supplierFound;amount;comment;accountNum;accountLabel;accountbalance
      "boursorama": """
      separator ;
      columns date=dateOp,value_date=dateVal,label=label,amount=amount,payer=supplierFound
      """,
      // Date;Libellé;Débit euros;Crédit euros; under a few lines about the account.
      "credit-agricole": """
      separator ;
      columns date=Date,label=Libellé,debit=Débit euros,credit=Crédit euros
      """,
      // Date;Date de valeur;Débit;Crédit;Libellé;Solde (CIC writes the same).
      "credit-mutuel": """
      separator ;
      columns date=Date,value_date=Date de valeur,debit=Débit,credit=Crédit,label=Libellé
      """,
      "cic": """
      separator ;
      columns date=Date,value_date=Date de valeur,debit=Débit,credit=Crédit,label=Libellé
      """,
      // Date opération;Date valeur;libellé;Débit;Crédit;
      "fortuneo": """
      separator ;
      columns date=Date opération,value_date=Date valeur,label=libellé,debit=Débit,credit=Crédit
      """,
    ]

    /// The profile named `name` (built in), or read from the file at `name`'s path.
    public static func named(_ name: String, read: (String) -> String?) throws -> Profile {
      if let text = builtIn[name.lowercased()] { return try rules(text, source: name) }
      guard let text = read(name) else {
        let known = builtIn.keys.sorted().joined(separator: ", ")
        throw LedgerError.invalidValue(field: "--profile", text: name, reason: "is neither a bank Suivi knows (\(known)) nor a profile file")
      }
      return try rules(text, source: name)
    }
  }
}
