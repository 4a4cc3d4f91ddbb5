import PavedCLI
