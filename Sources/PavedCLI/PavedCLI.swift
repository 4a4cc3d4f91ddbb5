// PavedCLI
