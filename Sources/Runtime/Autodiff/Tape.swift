/// A reverse-mode autodiff tape.
///
/// Each operation appends a node holding its value, its name, and a
/// backward closure that, given the gradient of the node, accumulates the
/// gradients of its inputs. `backward(from:)` walks the nodes in reverse
/// order of creation, which is a topological order because a node's inputs
/// always precede it. Parameters are read through `parameter(_:)`; their
/// gradients flow into `Parameter.grad`.
///
/// Nodes that depend on no trainable input are marked as not needing a
/// gradient, so data paths and frozen models cost nothing on the way back.
public final class Tape {
  /// True in training mode (dropout active, BatchNorm on batch statistics).
  public var isTraining: Bool
  /// Drives dropout masks.
  public var random: RandomGenerator

  var values: [Tensor] = []
  var grads: [Tensor?] = []
  var needsGrad: [Bool] = []
  var names: [StaticString] = []
  var backwards: [((Tape, Tensor) -> Void)?] = []
  var parameterLinks: [(node: Int, parameter: Parameter)] = []

  public init(training: Bool, random: RandomGenerator = RandomGenerator(seed: 0)) {
    self.isTraining = training
    self.random = random
  }

  /// Number of recorded nodes.
  public var count: Int { values.count }

  /// Name of the operation that made a node (for debugging and tests).
  public func name(of v: Variable) -> String { "\(names[v.id])" }

  /// Forgets every node, keeping the arrays' capacity.
  public func reset() {
    values.removeAll(keepingCapacity: true)
    grads.removeAll(keepingCapacity: true)
    needsGrad.removeAll(keepingCapacity: true)
    names.removeAll(keepingCapacity: true)
    backwards.removeAll(keepingCapacity: true)
    parameterLinks.removeAll(keepingCapacity: true)
  }

  /// A constant input: no gradient flows into it.
  public func constant(_ value: Tensor) -> Variable {
    record(value, name: "constant", needsGrad: false, backward: nil)
  }

  /// A leaf whose gradient is kept (for gradient checks of inputs).
  public func variable(_ value: Tensor) -> Variable {
    record(value, name: "variable", needsGrad: true, backward: nil)
  }

  /// Reads a parameter; after `backward`, its gradient is added to
  /// `parameter.grad` unless the parameter is frozen.
  public func parameter(_ p: Parameter) -> Variable {
    let v = record(p.value, name: "parameter", needsGrad: !p.isFrozen, backward: nil)
    if !p.isFrozen { parameterLinks.append((v.id, p)) }
    return v
  }

  /// Appends a node. `backward` receives the node's gradient.
  @discardableResult
  func record(
    _ value: Tensor, name: StaticString, needsGrad: Bool,
    backward: ((Tape, Tensor) -> Void)?
  ) -> Variable {
    values.append(value)
    grads.append(nil)
    self.needsGrad.append(needsGrad)
    names.append(name)
    backwards.append(needsGrad ? backward : nil)
    return Variable(id: values.count - 1, tape: self)
  }

  /// Records the result of an op whose inputs are `inputs`.
  func record(
    _ value: Tensor, name: StaticString, inputs: [Variable],
    backward: @escaping (Tape, Tensor) -> Void
  ) -> Variable {
    let needs = inputs.contains { needsGrad[$0.id] }
    return record(value, name: name, needsGrad: needs, backward: backward)
  }

  func value(_ v: Variable) -> Tensor { values[v.id] }

  /// Whether gradients are wanted for `v`.
  func wantsGrad(_ v: Variable) -> Bool { needsGrad[v.id] }

  /// Adds `g` to the gradient of `v` (ignored if `v` needs none).
  func accumulate(_ v: Variable, _ g: Tensor) {
    guard needsGrad[v.id] else { return }
    if var existing = grads[v.id] {
      grads[v.id] = nil  // keep the buffer uniquely referenced
      existing.data.withUnsafeMutableBufferPointer { e in
        g.data.withUnsafeBufferPointer { x in
          for i in 0..<e.count { e[i] += x[i] }
        }
      }
      grads[v.id] = existing
    } else {
      grads[v.id] = g
    }
  }

  /// The gradient of `v` after `backward`, zero if none reached it.
  public func gradient(of v: Variable) -> Tensor {
    grads[v.id] ?? Tensor(rows: values[v.id].rows, cols: values[v.id].cols)
  }

  /// Backpropagates from a scalar `loss` (seeded with 1) and adds the
  /// parameter gradients into their `grad`.
  public func backward(from loss: Variable) {
    let l = values[loss.id]
    precondition(l.count == 1, "backward: loss must be 1x1, got \(l.shapeDescription)")
    grads[loss.id] = Tensor(scalar: 1)
    for id in stride(from: loss.id, through: 0, by: -1) {
      guard let g = grads[id], let back = backwards[id] else { continue }
      back(self, g)
    }
    for (node, p) in parameterLinks {
      guard let g = grads[node] else { continue }
      p.grad.data.withUnsafeMutableBufferPointer { pg in
        g.data.withUnsafeBufferPointer { x in
          for i in 0..<pg.count { pg[i] += x[i] }
        }
      }
    }
  }
}

/// A node of a tape: the handle every op takes and returns.
public struct Variable {
  public let id: Int
  public unowned let tape: Tape

  /// The forward value.
  public var value: Tensor { tape.values[id] }
  public var rows: Int { tape.values[id].rows }
  public var cols: Int { tape.values[id].cols }
}
