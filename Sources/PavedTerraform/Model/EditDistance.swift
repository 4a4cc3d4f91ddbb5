/// Edit distance between names, for "did you mean …?" suggestions everywhere in Paved.
public enum EditDistance {
    /// The optimal-string-alignment distance between `a` and `b` (insertions, deletions,
    /// substitutions and adjacent transpositions), or nil when it is more than `limit`.
    public static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
        if a.isEmpty { return b.count <= limit ? b.count : nil }
        if b.isEmpty { return a.count <= limit ? a.count : nil }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return nil }
            (previous2, previous, current) = (previous, current, previous2)
        }
        let result = previous[b.count]
        return result <= limit ? result : nil
    }

    /// The distance between two strings, or nil when it is more than `limit`.
    public static func distance(_ a: String, _ b: String, limit: Int = .max) -> Int? {
        distance(Array(a.utf8), Array(b.utf8), limit: limit)
    }
}
