import Runtime
import XCTest

/// Checks the gradients that backpropagation leaves in `parameters`
/// against central finite differences, as `checkGradients` does for
/// inputs. `f` builds the output on the tape it is given; the tape is in
/// training mode with a fixed dropout seed.
func checkParameterGradients(
  _ parameters: [Parameter], training: Bool = true, eps: Float = 1e-2,
  tolerance: Float = 2e-2, file: StaticString = #filePath, line: UInt = #line,
  _ f: (Tape) -> Variable
) {
  // BatchNorm's running statistics move on every training pass: keep them
  let frozenState = parameters.filter(\.isFrozen).map(\.value)
  func evaluate() -> Float {
    let tape = Tape(training: training, random: RandomGenerator(seed: 7))
    for p in parameters { p.zeroGrad() }
    let out = f(tape)
    let weights = tape.constant(randomTensor(out.rows, out.cols, seed: 99))
    let loss = (out * weights).sum()
    tape.backward(from: loss)
    for (p, v) in zip(parameters.filter(\.isFrozen), frozenState) { p.value = v }
    return loss.value.scalar
  }
  _ = evaluate()
  let analytic = parameters.map(\.grad)
  for (k, p) in parameters.enumerated() {
    for i in p.value.data.indices {
      let saved = p.value.data[i]
      p.value.data[i] = saved + eps
      let plus = evaluate()
      p.value.data[i] = saved - eps
      let minus = evaluate()
      p.value.data[i] = saved
      let numeric = (plus - minus) / (2 * eps)
      let got = analytic[k].data[i]
      if abs(got - numeric) > tolerance * max(1, abs(numeric)) {
        XCTFail(
          "\(p.name) element \(i): tape gives \(got), finite differences \(numeric)",
          file: file, line: line)
        return
      }
    }
  }
}
