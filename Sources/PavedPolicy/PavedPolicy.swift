// PavedPolicy: the policy engine.
//
// Stages, each a folder:
//
//   Input/     Terraform JSON (in memory, `.tf.json` files, `terraform show -json` plans) → PolicyInput
//   Language/  the declarative rule language: YAML rule files → PolicyRule (with attribute-path checks)
//   Rules/     PolicyRule, RuleSet (built-in packs + directories), the Swift-implemented rules
//   Engine/    PolicyEngine: rules × resources → findings, linear in resources
//   Waivers/   waivers (DSL and file), expiry against an injected clock
//   Report/    PolicyReport, baselines, and the text/json/sarif/junit/github/markdown reporters
//   Testing/   `paved policy test`: rule fixtures with expected findings
//   Gate/      PolicyGate: what `paved synth` calls
//
// See docs/policy.md for the user-facing description and policies/README.md for the language.
