import AcmeData
import PavedCLI

// The example platform's own executable: every `paved` command, with `acme` as the platform.
await PavedCLI.main(platform: acme)
