import Foundation
import Runtime

/// Exact t-SNE (van der Maaten and Hinton, 2008) to two dimensions.
///
/// Affinities: for each point `i` a Gaussian over the squared distances
/// whose precision is found by bisection so that the perplexity
/// `2^H(P_i)` equals `perplexity`; `P = (P_j|i + P_i|j) / 2n`. The map:
/// Student-t similarities `q_ij ~ (1 + |y_i - y_j|^2)^-1`, and gradient
/// descent on `KL(P || Q)` with
///
///     dC/dy_i = 4 * sum_j (p_ij - q_ij) (1 + |y_i - y_j|^2)^-1 (y_i - y_j)
///
/// using early exaggeration (12, the first quarter of the iterations, at
/// most 250), momentum 0.5 then 0.8, per-coordinate gains, and the
/// learning rate `max(n / 48, 50)`. Initial positions are drawn from
/// `N(0, 1e-4)` with the seeded `RandomGenerator`, so a seed gives one
/// picture. Costs `O(n^2)` per iteration: meant for up to `largest` points.
public struct TSNE: Sendable {
  /// The target perplexity; nil means 30, or `(n - 1) / 3` when that is
  /// smaller (few points).
  public var perplexity: Double?
  public var iterations: Int
  public var seed: Int

  /// The most points `embed` is meant for (exact t-SNE is quadratic).
  public static let largest = 2000

  public init(perplexity: Double? = nil, iterations: Int = 1000, seed: Int = 1) {
    self.perplexity = perplexity
    self.iterations = iterations
    self.seed = seed
  }

  /// The perplexity used for `n` points.
  public func perplexity(forCount n: Int) -> Double {
    perplexity ?? min(30, max(Double(n - 1) / 3, 1))
  }

  /// Two coordinates per row of `data` (`n x d`), centred on the origin.
  /// - Parameter stop: polled every 20 iterations; when it says true,
  ///   `embed` returns nil (a Ctrl-C).
  public func embed(_ data: [[Double]], stop: () -> Bool) -> [[Double]]? {
    let n = data.count
    guard n > 1 else { return data.map { _ in [0, 0] } }
    let p = affinities(data)

    var random = RandomGenerator(seed: seed, stream: "tsne")
    var y = [Double](repeating: 0, count: 2 * n)
    for i in stride(from: 0, to: 2 * n, by: 2) {
      // Box-Muller: two normal draws per pair of uniforms
      let u = 1 - Double(random.nextFloat())
      let v = Double(random.nextFloat())
      let r = (-2 * log(u)).squareRoot() * 1e-2
      y[i] = r * cos(2 * .pi * v)
      y[i + 1] = r * sin(2 * .pi * v)
    }
    var update = [Double](repeating: 0, count: 2 * n)
    var gains = [Double](repeating: 1, count: 2 * n)
    var num = [Double](repeating: 0, count: n * n)
    var gradient = [Double](repeating: 0, count: 2 * n)
    let rate = max(Double(n) / 48, 50)
    let exaggerated = min(250, iterations / 4)

    for iteration in 0..<iterations {
      if iteration % 20 == 0, stop() { return nil }
      let exaggeration = iteration < exaggerated ? 12.0 : 1.0
      let momentum = iteration < exaggerated ? 0.5 : 0.8
      var z = 0.0
      for i in 0..<n {
        for j in (i + 1)..<n {
          let dx = y[2 * i] - y[2 * j]
          let dy = y[2 * i + 1] - y[2 * j + 1]
          let q = 1 / (1 + dx * dx + dy * dy)
          num[i * n + j] = q
          num[j * n + i] = q
          z += 2 * q
        }
      }
      let inverseZ = 1 / max(z, 1e-300)
      for i in 0..<n {
        var gx = 0.0
        var gy = 0.0
        for j in 0..<n where j != i {
          let q = num[i * n + j]
          let force = (exaggeration * p[i * n + j] - q * inverseZ) * q
          gx += force * (y[2 * i] - y[2 * j])
          gy += force * (y[2 * i + 1] - y[2 * j + 1])
        }
        gradient[2 * i] = 4 * gx
        gradient[2 * i + 1] = 4 * gy
      }
      for k in 0..<(2 * n) {
        let sameSign = (gradient[k] > 0) == (update[k] > 0)
        gains[k] = max(sameSign ? gains[k] * 0.8 : gains[k] + 0.2, 0.01)
        update[k] = momentum * update[k] - rate * gains[k] * gradient[k]
        y[k] += update[k]
      }
      TSNE.centre(&y, count: n)
    }
    return (0..<n).map { [y[2 * $0], y[2 * $0 + 1]] }
  }

  /// Two coordinates per row of `data`, centred on the origin.
  public func embed(_ data: [[Double]]) -> [[Double]] {
    embed(data, stop: { false })!
  }

  /// The symmetric affinities `p_ij` (row-major `n x n`, zero diagonal).
  func affinities(_ data: [[Double]]) -> [Double] {
    let n = data.count
    var distance = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in (i + 1)..<n {
        var s = 0.0
        for (a, b) in zip(data[i], data[j]) { s += (a - b) * (a - b) }
        distance[i * n + j] = s
        distance[j * n + i] = s
      }
    }
    let target = log(perplexity(forCount: n))
    var conditional = [Double](repeating: 0, count: n * n)
    var row = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let nearest = (0..<n).filter { $0 != i }.map { distance[i * n + $0] }.min() ?? 0
      var beta = 1.0
      var low = 0.0
      var high = Double.infinity
      for _ in 0..<100 {
        // entropy H = log(sum) + beta * <d>, shifted by the nearest distance
        var sum = 0.0
        var weighted = 0.0
        for j in 0..<n where j != i {
          let d = distance[i * n + j] - nearest
          row[j] = exp(-beta * d)
          sum += row[j]
          weighted += d * row[j]
        }
        let entropy = log(sum) + beta * weighted / sum
        if abs(entropy - target) < 1e-5 { break }
        if entropy > target {
          low = beta
          beta = high.isFinite ? (beta + high) / 2 : beta * 2
        } else {
          high = beta
          beta = (beta + low) / 2
        }
      }
      let sum = (0..<n).filter { $0 != i }.reduce(0) { $0 + row[$1] }
      for j in 0..<n where j != i { conditional[i * n + j] = row[j] / sum }
    }
    var p = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in 0..<n where j != i {
        p[i * n + j] = max((conditional[i * n + j] + conditional[j * n + i]) / Double(2 * n), 1e-12)
      }
    }
    return p
  }

  private static func centre(_ y: inout [Double], count n: Int) {
    var mx = 0.0
    var my = 0.0
    for i in 0..<n {
      mx += y[2 * i]
      my += y[2 * i + 1]
    }
    mx /= Double(n)
    my /= Double(n)
    for i in 0..<n {
      y[2 * i] -= mx
      y[2 * i + 1] -= my
    }
  }
}
