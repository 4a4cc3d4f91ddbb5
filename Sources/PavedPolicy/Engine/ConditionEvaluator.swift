import PavedTerraform

/// Evaluates declarative conditions on resources.
struct ConditionEvaluator {
    let indexes: EvaluationIndexes

    /// True when `condition` holds for `resource`, with `current` as the value paths start from.
    func holds(_ condition: Condition, _ resource: PolicyResource, _ current: JSON) -> Bool {
        switch condition {
        case .constant(let value):
            return value
        case .all(let parts):
            for part in parts where !holds(part, resource, current) { return false }
            return true
        case .any(let parts):
            for part in parts where holds(part, resource, current) { return true }
            return false
        case .not(let inner):
            return !holds(inner, resource, current)
        case .test(let subject, let predicate, _):
            switch subject {
            case .metadata(let key):
                guard let value = resource.metadata.value(key, of: resource) else { return false }
                return predicate.holds(for: .string(value))
            case .attribute(let path):
                if path.isCurrent { return current != .null && Self.test(predicate, current) }
                return path.forEachValue(in: current) { predicate.holds(for: $0) }
            }
        case .quantified(let path, let quantifier, let inner, _):
            switch quantifier {
            case .some:
                return path.forEachValue(in: current) { holds(inner, resource, $0) }
            case .none:
                return !path.forEachValue(in: current) { holds(inner, resource, $0) }
            case .every:
                return !path.forEachValue(in: current) { !holds(inner, resource, $0) }
            }
        case .referencedBy(let selector, let path, let whereCondition, _):
            for i in indexes.referrers(to: resource, selector: selector, path: path) {
                let other = indexes.input.resources[i]
                if let whereCondition, !holds(whereCondition, other, other.attributes) { continue }
                return true
            }
            return false
        case .references(let path, let selector, let whereCondition, _):
            for i in indexes.referenced(from: resource, path: path) {
                let other = indexes.input.resources[i]
                if let selector, !selector.accepts(type: other.type, mode: other.mode) { continue }
                if let whereCondition, !holds(whereCondition, other, other.attributes) { continue }
                return true
            }
            return false
        }
    }

    /// A current value that is itself a list (an item of a list of lists) is tested element-wise.
    private static func test(_ predicate: Predicate, _ value: JSON) -> Bool {
        if case .array(let elements) = value { return elements.contains { $0 != .null && predicate.holds(for: $0) } }
        return predicate.holds(for: value)
    }

    /// Where a failing condition fails: pointer tokens relative to the resource body, or nil for
    /// the resource as a whole. Only called for violations, so it may be slower than ``holds``.
    func blame(_ condition: Condition, _ resource: PolicyResource, _ current: JSON, base: [String]) -> [String]? {
        switch condition {
        case .all(let parts):
            for part in parts where !holds(part, resource, current) {
                return blame(part, resource, current, base: base)
            }
            return nil
        case .test(.attribute(let path), _, _) where !path.isCurrent:
            // The first value that is there (and fails), else the deepest existing ancestor.
            if let first = path.valuesWithPointers(in: current).first { return base + first.pointer }
            return base + path.nearestPointer(in: current)
        case .not(.test(.attribute(let path), let predicate, _)) where !path.isCurrent:
            // A value that should not be there, or should not match: point at the first offender.
            for (value, pointer) in path.valuesWithPointers(in: current) where predicate.holds(for: value) {
                return base + pointer
            }
            return nil
        case .quantified(let path, .every, let inner, _):
            for (value, pointer) in path.valuesWithPointers(in: current) where !holds(inner, resource, value) {
                return blame(inner, resource, value, base: base + pointer) ?? (base + pointer)
            }
            return nil
        case .quantified(let path, .none, let inner, _):
            for (value, pointer) in path.valuesWithPointers(in: current) where holds(inner, resource, value) {
                return base + pointer
            }
            return nil
        case .quantified(let path, .some, _, _) where !path.isCurrent:
            return base + path.nearestPointer(in: current)
        default:
            return nil
        }
    }
}
