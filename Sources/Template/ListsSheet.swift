import OOXML

/// The lists sheet (**Listes**): the values of each drop-down (statuses, payment
/// methods, VAT rates, reminder channels and outcomes, levels), the clients with their
/// payment terms, and the default terms. People may edit it: the tracker's drop-downs
/// and due dates follow.
struct ListsSheet {
  let layout: TemplateLayout
  let data: TemplateData

  private var model: TemplateModel { layout.model }

  func write(into sheet: WorksheetWriter, styles: inout TemplateStyles) throws {
    let language = layout.language
    let header = styles.index(.header)
    var widths: [(ClosedRange<Int>, Double, Int)] = []
    var headerCells: [NewCell] = []
    for list in model.lists {
      let column = layout.listColumns[list.name]!
      headerCells.append(NewCell(column: column, style: header, .text(list.header[language])))
      widths.append((column...column, list.width, 0))
    }
    for column in model.clients.columns {
      let index = layout.clientColumns[column.key]!
      headerCells.append(NewCell(column: index, style: header, .text(column.header[language])))
      widths.append((index...index, column.width, 0))
    }
    let parameter = layout.parameterColumn
    headerCells.append(NewCell(column: parameter, style: header, .text(language == .fr ? "Paramètre" : "Setting")))
    headerCells.append(NewCell(column: parameter + 1, style: header, .text(language == .fr ? "Valeur" : "Value")))
    widths += [(parameter...parameter, 36, 0), (parameter + 1...parameter + 1, 10, 0)]
    sheet.columns = widths.sorted { $0.0.lowerBound < $1.0.lowerBound }
    sheet.addRow(1, headerCells, height: 32)
    for row in 2...layout.lastClientRow {
      sheet.addRow(row, try cells(row: row, styles: &styles))
    }
    sheet.frozen = (1, 0)
    for column in model.clients.columns where column.list != nil {
      let letter = CellReference.columnName(layout.clientColumns[column.key]!)
      sheet.validations.append(
        DataValidation(
          range: "\(letter)2:\(letter)\(layout.lastClientRow)", kind: .list(try layout.listRange(column.list!)), severity: .stop,
          error: model.validationMessages["list"]?[language]))
    }
    sheet.page.fitsToWidth = true
    sheet.page.isLandscape = true
  }

  private func cells(row: Int, styles: inout TemplateStyles) throws -> [NewCell] {
    let language = layout.language
    let index = row - 2
    var cells: [NewCell] = []
    for list in model.lists where index < list.items.count {
      let item = list.items[index]
      let content: NewCell.Content = item.number.map { .number($0) } ?? .text(item.label(language))
      cells.append(NewCell(column: layout.listColumns[list.name]!, style: styles.index(.body, format: list.format), content))
    }
    let client = index < data.clients.count ? data.clients[index] : nil
    for column in model.clients.columns {
      var content = NewCell.Content.empty
      if let client {
        switch column.key {
        case "name": content = .text(client.name)
        case "days": content = .number(Double(client.termsDays))
        case "endOfMonth": content = .text(try model.list("yesNo").item(client.endOfMonth ? "yes" : "no").label(language))
        default: break
        }
      }
      cells.append(NewCell(column: layout.clientColumns[column.key]!, style: styles.index(.body, format: column.format), content))
    }
    if index < model.parameters.count {
      let parameter = model.parameters[index]
      cells.append(NewCell(column: layout.parameterColumn, style: styles.index(.body, format: "wrap"), .text(parameter.label[language])))
      cells.append(NewCell(column: layout.parameterColumn + 1, style: styles.index(.input, format: parameter.format), .number(parameter.number)))
    }
    return cells
  }
}
