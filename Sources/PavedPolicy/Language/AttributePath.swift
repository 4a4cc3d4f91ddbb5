import PavedTerraform

/// A path into a resource body: `versioning_configuration.status`, `statement[*].principals`,
/// `tags["kubernetes.io/name"]`, `logging_configuration.*.enabled`.
///
/// Going through a list of blocks fans out over its elements, so `rule.expiration.days` reaches
/// the `days` of every `expiration` of every `rule`. A path that ends at a list yields its elements.
/// Nulls are absent values.
struct AttributePath: Sendable, Hashable, CustomStringConvertible {
    enum Step: Sendable, Hashable {
        /// A member of an object (through every object of a list).
        case key(String)
        /// One element of a list.
        case index(Int)
        /// Every element of a list, or every member value of an object.
        case wildcard
    }

    let steps: [Step]
    let text: String

    /// The current value itself (a list item inside `some:`/`every:`/`none:`).
    static let current = AttributePath(steps: [], text: ".")

    var description: String { text }

    var isCurrent: Bool { steps.isEmpty }

    /// Parses a path, or says what is wrong with it.
    static func parse(_ text: String) -> Result<AttributePath, PathSyntaxError> {
        if text == "." { return .success(.current) }
        let chars = Array(text.unicodeScalars)
        var steps: [Step] = []
        var i = 0
        func isNameChar(_ c: Unicode.Scalar) -> Bool {
            c.properties.isAlphabetic || (c >= "0" && c <= "9") || c == "_" || c == "-"
        }
        var needName = true
        while i < chars.count {
            let c = chars[i]
            if needName {
                needName = false
                if c == "*" {
                    steps.append(.wildcard)
                    i += 1
                } else if isNameChar(c) {
                    var name = ""
                    while i < chars.count, isNameChar(chars[i]) {
                        name.unicodeScalars.append(chars[i])
                        i += 1
                    }
                    steps.append(.key(name))
                } else if !(c == "[" && steps.isEmpty) {
                    return .failure(PathSyntaxError(text: text, offset: i, message: "expected an attribute name"))
                }
                continue
            }
            if c == "." {
                i += 1
                needName = true
                if i == chars.count {
                    return .failure(PathSyntaxError(text: text, offset: i, message: "a path cannot end with '.'"))
                }
                continue
            }
            guard c == "[" else {
                return .failure(PathSyntaxError(text: text, offset: i, message: "unexpected '\(c)'"))
            }
            i += 1
            guard i < chars.count else {
                return .failure(PathSyntaxError(text: text, offset: i, message: "unclosed '['"))
            }
            if chars[i] == "*" {
                steps.append(.wildcard)
                i += 1
            } else if chars[i] == "\"" || chars[i] == "'" {
                let quote = chars[i]
                i += 1
                var key = ""
                while i < chars.count, chars[i] != quote {
                    key.unicodeScalars.append(chars[i])
                    i += 1
                }
                guard i < chars.count else {
                    return .failure(PathSyntaxError(text: text, offset: i, message: "unclosed quoted key"))
                }
                i += 1
                steps.append(.key(key))
            } else {
                var digits = ""
                while i < chars.count, chars[i] >= "0", chars[i] <= "9" {
                    digits.unicodeScalars.append(chars[i])
                    i += 1
                }
                guard digits.count <= 9, let n = Int(digits) else {
                    return .failure(PathSyntaxError(
                        text: text, offset: i, message: "expected an index, '*' or a quoted key inside [ ]"))
                }
                steps.append(.index(n))
            }
            guard i < chars.count, chars[i] == "]" else {
                return .failure(PathSyntaxError(text: text, offset: i, message: "expected ']'"))
            }
            i += 1
        }
        if steps.isEmpty {
            return .failure(PathSyntaxError(text: text, offset: 0, message: "the path is empty (use '.' for the current item)"))
        }
        return .success(AttributePath(steps: steps, text: text))
    }

    // MARK: Resolution

    /// Calls `body` with each value at the path until it returns true; returns whether it did.
    @discardableResult
    func forEachValue(in root: JSON, _ body: (JSON) -> Bool) -> Bool {
        visit(root, 0, body)
    }

    private func visit(_ value: JSON, _ i: Int, _ body: (JSON) -> Bool) -> Bool {
        if i == steps.count {
            switch value {
            case .null: return false
            case .array(let elements):
                for element in elements where element != .null {
                    if body(element) { return true }
                }
                return false
            default: return body(value)
            }
        }
        switch steps[i] {
        case .key(let key):
            switch value {
            case .object(let members):
                guard let child = members[key] else { return false }
                return visit(child, i + 1, body)
            case .array(let elements):
                for element in elements {
                    if case .object(let members) = element, let child = members[key], visit(child, i + 1, body) { return true }
                }
                return false
            default:
                return false
            }
        case .index(let n):
            guard case .array(let elements) = value, n < elements.count else { return false }
            return visit(elements[n], i + 1, body)
        case .wildcard:
            switch value {
            case .array(let elements):
                for element in elements where visit(element, i + 1, body) { return true }
                return false
            case .object(let members):
                for key in members.keys.sorted() {
                    if let child = members[key], visit(child, i + 1, body) { return true }
                }
                return false
            default:
                return false
            }
        }
    }

    /// Every value at the path with its pointer tokens (relative to `root`), in order.
    func valuesWithPointers(in root: JSON) -> [(value: JSON, pointer: [String])] {
        var out: [(JSON, [String])] = []
        var pointer: [String] = []
        collect(root, 0, &pointer, &out)
        return out
    }

    private func collect(_ value: JSON, _ i: Int, _ pointer: inout [String], _ out: inout [(JSON, [String])]) {
        if i == steps.count {
            switch value {
            case .null: return
            case .array(let elements):
                for (j, element) in elements.enumerated() where element != .null { out.append((element, pointer + [String(j)])) }
            default: out.append((value, pointer))
            }
            return
        }
        switch steps[i] {
        case .key(let key):
            switch value {
            case .object(let members):
                guard let child = members[key] else { return }
                pointer.append(key)
                collect(child, i + 1, &pointer, &out)
                pointer.removeLast()
            case .array(let elements):
                for (j, element) in elements.enumerated() {
                    guard case .object(let members) = element, let child = members[key] else { continue }
                    pointer.append(String(j))
                    pointer.append(key)
                    collect(child, i + 1, &pointer, &out)
                    pointer.removeLast(2)
                }
            default: return
            }
        case .index(let n):
            guard case .array(let elements) = value, n < elements.count else { return }
            pointer.append(String(n))
            collect(elements[n], i + 1, &pointer, &out)
            pointer.removeLast()
        case .wildcard:
            switch value {
            case .array(let elements):
                for (j, element) in elements.enumerated() {
                    pointer.append(String(j))
                    collect(element, i + 1, &pointer, &out)
                    pointer.removeLast()
                }
            case .object(let members):
                for key in members.keys.sorted() {
                    guard let child = members[key] else { continue }
                    pointer.append(key)
                    collect(child, i + 1, &pointer, &out)
                    pointer.removeLast()
                }
            default: return
            }
        }
    }

    /// The pointer of the deepest value that exists along the path (through the first element of
    /// each list), so a finding about a missing attribute points at its nearest existing ancestor.
    func nearestPointer(in root: JSON) -> [String] {
        var out: [String] = []
        var value = root
        for step in steps {
            switch (step, value) {
            case (.key(let k), .object(let members)):
                guard let child = members[k] else { return out }
                out.append(k)
                value = child
            case (.key(let k), .array(let elements)):
                guard let j = elements.firstIndex(where: { $0[k] != nil }), let child = elements[j][k] else { return out }
                out += [String(j), k]
                value = child
            case (.index(let n), .array(let elements)) where n < elements.count:
                out.append(String(n))
                value = elements[n]
            default:
                return out
            }
        }
        return out
    }
}

/// A malformed attribute path.
struct PathSyntaxError: Error, Sendable {
    var text: String
    var offset: Int
    var message: String

    var description: String { "invalid attribute path '\(text)': \(message) at character \(offset + 1)" }
}
