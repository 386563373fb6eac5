import Foundation

/// Adam (Kingma & Ba, 2015) with PyTorch's coupled L2 weight decay: the
/// decay is added to the gradient before the moments, as `torch.optim.Adam`
/// does (not AdamW's decoupled form).
///
///     g = grad + weightDecay * p
///     m = beta1 m + (1 - beta1) g;  v = beta2 v + (1 - beta2) g^2
///     p -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
///
/// Frozen parameters are skipped. Defaults: beta1 0.9, beta2 0.999,
/// eps 1e-8.
public final class Adam {
  public var learningRate: Float
  public let weightDecay: Float
  public let beta1: Float
  public let beta2: Float
  public let eps: Float
  public let parameters: [Parameter]
  private var m: [[Float]]
  private var v: [[Float]]
  private var stepCount = 0

  public init(
    parameters: [Parameter], learningRate: Float, weightDecay: Float = 0,
    beta1: Float = 0.9, beta2: Float = 0.999, eps: Float = 1e-8
  ) {
    self.parameters = parameters
    self.learningRate = learningRate
    self.weightDecay = weightDecay
    self.beta1 = beta1
    self.beta2 = beta2
    self.eps = eps
    m = parameters.map { [Float](repeating: 0, count: $0.value.count) }
    v = m
  }

  public func zeroGrad() {
    for p in parameters { p.zeroGrad() }
  }

  /// One update from the gradients currently in `Parameter.grad`.
  public func step() {
    stepCount += 1
    let correction1 = 1 - Foundation.pow(beta1, Float(stepCount))
    let correction2Root = (1 - Foundation.pow(beta2, Float(stepCount))).squareRoot()
    let stepSize = learningRate / correction1
    for (k, p) in parameters.enumerated() where !p.isFrozen {
      let (b1, b2, wd, e) = (beta1, beta2, weightDecay, eps)
      p.value.data.withUnsafeMutableBufferPointer { w in
        p.grad.data.withUnsafeBufferPointer { grad in
          m[k].withUnsafeMutableBufferPointer { mk in
            v[k].withUnsafeMutableBufferPointer { vk in
              for i in 0..<w.count {
                let g = grad[i] + wd * w[i]
                mk[i] = b1 * mk[i] + (1 - b1) * g
                vk[i] = b2 * vk[i] + (1 - b2) * g * g
                w[i] -= stepSize * mk[i] / (vk[i].squareRoot() / correction2Root + e)
              }
            }
          }
        }
      }
    }
  }
}

/// PyTorch's `ReduceLROnPlateau` in mode `min` with a relative threshold of
/// 1e-4: after `patience` epochs without a new best of the watched value,
/// multiplies the learning rate by `factor`. lad watches the training
/// loss, as the authors' code does. Defaults: patience 50, factor 0.1.
public struct ReduceLROnPlateau {
  public let patience: Int
  public let factor: Float
  public let threshold: Float
  private var best = Float.infinity
  private var badEpochs = 0

  public init(patience: Int = 50, factor: Float = 0.1, threshold: Float = 1e-4) {
    self.patience = patience
    self.factor = factor
    self.threshold = threshold
  }

  /// Records one epoch's value; returns true if the rate was reduced.
  @discardableResult
  public mutating func step(_ value: Float, optimizer: Adam) -> Bool {
    if value < best * (1 - threshold) {
      best = value
      badEpochs = 0
      return false
    }
    badEpochs += 1
    guard badEpochs > patience else { return false }
    optimizer.learningRate *= factor
    badEpochs = 0
    return true
  }
}
