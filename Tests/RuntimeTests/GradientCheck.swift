import Runtime
import XCTest

/// Random tensor with entries in [-1, 1], kept at least `margin` from 0 so
/// kinks (ReLU) are not straddled by the finite difference.
func randomTensor(
  _ rows: Int, _ cols: Int, seed: UInt64, margin: Float = 0, scale: Float = 1
) -> Tensor {
  var rng = RandomGenerator(seed: seed)
  var t = Tensor(rows: rows, cols: cols)
  for i in t.data.indices {
    var v = rng.uniform(-1, 1)
    if abs(v) < margin { v = v < 0 ? v - margin : v + margin }
    t.data[i] = v * scale
  }
  return t
}

/// Checks the tape's gradients of `f` with respect to every input against
/// central finite differences. `f` may return any shape: the check reduces
/// it to a scalar with fixed random weights so every output element counts.
func checkGradients(
  _ inputs: [Tensor], training: Bool = true, eps: Float = 1e-2,
  tolerance: Float = 2e-2, file: StaticString = #filePath, line: UInt = #line,
  _ f: (Tape, [Variable]) -> Variable
) {
  func evaluate(_ values: [Tensor]) -> (Float, [Tensor]) {
    let tape = Tape(training: training, random: RandomGenerator(seed: 7))
    let vars = values.map { tape.variable($0) }
    let out = f(tape, vars)
    let weights = tape.constant(randomTensor(out.rows, out.cols, seed: 99))
    let loss = (out * weights).sum()
    tape.backward(from: loss)
    return (loss.value.scalar, vars.map { tape.gradient(of: $0) })
  }
  let (_, analytic) = evaluate(inputs)
  for (k, input) in inputs.enumerated() {
    for i in input.data.indices {
      var plus = inputs
      var minus = inputs
      plus[k].data[i] += eps
      minus[k].data[i] -= eps
      let numeric = (evaluate(plus).0 - evaluate(minus).0) / (2 * eps)
      let got = analytic[k].data[i]
      let allowed = tolerance * max(1, abs(numeric))
      if abs(got - numeric) > allowed {
        XCTFail(
          "input \(k) element \(i): tape gives \(got), finite differences \(numeric)",
          file: file, line: line)
        return
      }
    }
  }
}
