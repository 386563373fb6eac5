extension Variable {
  /// Matrix product `op(self) * op(other)`, through `cblas_sgemm`.
  ///
  /// Shapes: `op(self)` is `m x k`, `op(other)` is `k x n`; result `m x n`.
  /// Gradients: `dA = dC * B^T`, `dB = A^T * dC` (transposes folded in).
  public func matmul(
    _ other: Variable, transposeSelf: Bool = false, transposeOther: Bool = false
  ) -> Variable {
    let (a, b) = (value, other.value)
    let c = a.matmul(b, transposeSelf: transposeSelf, transposeOther: transposeOther)
    return tape.record(c, name: "matmul", inputs: [self, other]) { t, g in
      if t.wantsGrad(self) {
        // dA = dC B^T, or (dC B^T)^T = B dC^T when A was transposed
        let ga =
          transposeSelf
          ? b.matmul(g, transposeSelf: transposeOther, transposeOther: true)
          : g.matmul(b, transposeOther: !transposeOther)
        t.accumulate(self, ga)
      }
      if t.wantsGrad(other) {
        let gb =
          transposeOther
          ? g.matmul(a, transposeSelf: true, transposeOther: transposeSelf)
          : a.matmul(g, transposeSelf: !transposeSelf)
        t.accumulate(other, gb)
      }
    }
  }
}
