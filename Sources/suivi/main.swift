import SuiviCLI

SuiviCommand.mainReportingErrors()
