// Paved DSL
