import SuiviCLI

SuiviCommand.main()
