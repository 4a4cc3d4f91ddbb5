/// Kubernetes object names (RFC 1123, DNS-1123), as the API server checks them: namespaces are
/// labels, service accounts are subdomains. Shared by every construct that names a Kubernetes
/// workload (EKS and GKE workload identity, Vault's Kubernetes login).
enum KubernetesName {
    static let labelRule = "is not a Kubernetes namespace name (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)"
    static let subdomainRule = "is not a Kubernetes service account name (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)"

    /// An RFC 1123 label: namespaces.
    static func isLabel(_ s: String) -> Bool {
        guard (1...63).contains(s.count), let first = s.first, let last = s.last else { return false }
        let alnum = { (c: Character) in c.isASCII && (c.isLowercase || c.isNumber) }
        return alnum(first) && alnum(last) && s.allSatisfy { alnum($0) || $0 == "-" }
    }

    /// An RFC 1123 subdomain: service account names.
    static func isSubdomain(_ s: String) -> Bool {
        guard (1...253).contains(s.count) else { return false }
        return s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isLabel(String($0)) }
    }
}
