import PavedCLI

await PavedCLI.main()
