extension Variable {
  /// `x W + b` in one product: `x` is `n x k`, `W` is `k x m`, `b` is
  /// `1 x m`. Gradients: `dx = g W^T`, `dW = x^T g`, `db = column sums of g`.
  public func affine(_ weight: Variable, _ bias: Variable) -> Variable {
    let (x, w, b) = (value, weight.value, bias.value)
    precondition(x.cols == w.rows && b.rows == 1 && b.cols == w.cols, "affine: shapes")
    let y = x.affine(w, bias: b)
    return tape.record(y, name: "affine", inputs: [self, weight, bias]) { t, g in
      if t.wantsGrad(self) { t.accumulate(self, g.matmul(w, transposeOther: true)) }
      if t.wantsGrad(weight) { t.accumulate(weight, x.matmul(g, transposeSelf: true)) }
      if t.wantsGrad(bias) { t.accumulate(bias, Broadcast.row.reduce(g, to: b)) }
    }
  }

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
