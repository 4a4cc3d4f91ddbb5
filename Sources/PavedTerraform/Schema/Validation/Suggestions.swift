/// "Did you mean …?" by edit distance.
enum Suggestions {
    /// The candidate closest to `name`, when it is close enough to be a likely typo: at most 1 edit
    /// for names up to 4 characters, 2 up to 11, 3 beyond. Ties go to the first candidate in
    /// UTF-8 order, so the answer is the same on every run.
    static func closest<S: Sequence>(to name: String, in candidates: S) -> String? where S.Element == String {
        let target = Array(name.utf8)
        let limit = target.count <= 4 ? 1 : target.count <= 11 ? 2 : 3
        var best: (distance: Int, name: String)?
        for candidate in candidates where candidate != name {
            let bytes = Array(candidate.utf8)
            if abs(bytes.count - target.count) > limit { continue }
            let bound = min(limit, best?.distance ?? limit)
            guard let d = distance(target, bytes, limit: bound) else { continue }
            if let current = best {
                if d < current.distance || (d == current.distance && candidate.utf8.lexicographicallyPrecedes(current.name.utf8)) {
                    best = (d, candidate)
                }
            } else {
                best = (d, candidate)
            }
        }
        return best?.name
    }

    static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
        EditDistance.distance(a, b, limit: limit)
    }

    /// `; did you mean "x"?` or the empty string.
    static func didYouMean<S: Sequence>(_ name: String, in candidates: S, quoted: Bool = true) -> String where S.Element == String {
        guard let match = closest(to: name, in: candidates) else { return "" }
        return quoted ? "; did you mean \"\(match)\"?" : "; did you mean \(match)?"
    }
}
