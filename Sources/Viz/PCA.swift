import Foundation

/// Principal component analysis by the eigendecomposition of the sample
/// covariance `C = Xc^T Xc / (n - 1)` (`Xc` the centred `n x d` data),
/// computed with cyclic Jacobi rotations: exact for the small `d` of
/// graph embeddings (64 to 256), and deterministic.
///
/// Components are unit vectors ordered by decreasing variance; each is
/// signed so that its largest entry in absolute value is positive, so the
/// same data always gives the same picture.
public struct PCA: Sendable {
  /// The mean of each input column, `d` values.
  public var mean: [Double]
  /// `k` unit vectors of `d` values.
  public var components: [[Double]]
  /// The variance along each component (its eigenvalue).
  public var variances: [Double]
  /// Each component's share of the total variance, in [0, 1].
  public var explainedRatio: [Double]

  /// Fits `k` components to the rows of `data` (`n x d`, all rows `d` wide).
  public init(fitting data: [[Double]], components k: Int = 2) {
    let n = data.count
    let d = data.first?.count ?? 0
    precondition(data.allSatisfy { $0.count == d }, "PCA: rows of different widths")
    var mean = [Double](repeating: 0, count: d)
    for row in data { for j in 0..<d { mean[j] += row[j] } }
    if n > 0 { mean = mean.map { $0 / Double(n) } }

    var covariance = [Double](repeating: 0, count: d * d)
    for row in data {
      let c = (0..<d).map { row[$0] - mean[$0] }
      for a in 0..<d where c[a] != 0 {
        for b in a..<d { covariance[a * d + b] += c[a] * c[b] }
      }
    }
    let scale = 1 / Double(max(n - 1, 1))
    for a in 0..<d {
      for b in a..<d {
        covariance[a * d + b] *= scale
        covariance[b * d + a] = covariance[a * d + b]
      }
    }

    let (values, vectors) = PCA.symmetricEigen(covariance, size: d)
    let order = (0..<d).sorted { values[$0] > values[$1] }
    let total = values.reduce(0) { $0 + max($1, 0) }
    let kept = Array(order.prefix(min(k, d)))
    self.mean = mean
    components = kept.map { c in
      var v = (0..<d).map { vectors[$0 * d + c] }
      if let big = v.max(by: { abs($0) < abs($1) }), big < 0 { v = v.map { -$0 } }
      return v
    }
    variances = kept.map { max(values[$0], 0) }
    explainedRatio = variances.map { total > 0 ? $0 / total : 0 }
  }

  /// The coordinates of each row on the components, `n x k`.
  public func project(_ data: [[Double]]) -> [[Double]] {
    data.map { row in
      components.map { v in
        var s = 0.0
        for j in v.indices { s += (row[j] - mean[j]) * v[j] }
        return s
      }
    }
  }

  /// Eigenvalues and eigenvectors (column `c` of the row-major result) of
  /// a symmetric `size x size` matrix, by cyclic Jacobi sweeps until the
  /// off-diagonal mass is negligible.
  static func symmetricEigen(
    _ matrix: [Double], size d: Int
  ) -> (values: [Double], vectors: [Double]) {
    var a = matrix
    var v = [Double](repeating: 0, count: d * d)
    for i in 0..<d { v[i * d + i] = 1 }
    let scale = a.reduce(0) { $0 + $1 * $1 }
    guard d > 1, scale > 0 else { return ((0..<d).map { a[$0 * d + $0] }, v) }

    for _ in 0..<100 {
      var off = 0.0
      for p in 0..<d { for q in (p + 1)..<d { off += a[p * d + q] * a[p * d + q] } }
      if off <= 1e-26 * scale { break }
      for p in 0..<(d - 1) {
        for q in (p + 1)..<d {
          let apq = a[p * d + q]
          guard abs(apq) > 1e-300 else { continue }
          // the rotation angle phi that zeroes a[p][q]: cot(2 phi) = theta
          let theta = (a[q * d + q] - a[p * d + p]) / (2 * apq)
          let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
          let c = 1 / (t * t + 1).squareRoot()
          let s = t * c
          for k in 0..<d {
            let akp = a[k * d + p]
            let akq = a[k * d + q]
            a[k * d + p] = c * akp - s * akq
            a[k * d + q] = s * akp + c * akq
          }
          for k in 0..<d {
            let apk = a[p * d + k]
            let aqk = a[q * d + k]
            a[p * d + k] = c * apk - s * aqk
            a[q * d + k] = s * apk + c * aqk
          }
          for k in 0..<d {
            let vkp = v[k * d + p]
            let vkq = v[k * d + q]
            v[k * d + p] = c * vkp - s * vkq
            v[k * d + q] = s * vkp + c * vkq
          }
        }
      }
    }
    return ((0..<d).map { a[$0 * d + $0] }, v)
  }
}
