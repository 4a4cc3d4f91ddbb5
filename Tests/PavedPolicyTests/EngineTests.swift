import Testing
@testable import PavedPolicy
