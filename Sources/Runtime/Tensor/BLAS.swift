import CBLAS

/// The one file that calls OpenBLAS.
public enum BLAS {
  /// Pins OpenBLAS to one thread: on this project's machines a second
  /// thread costs more in synchronisation than it gains on small matrices.
  public static func useSingleThread() {
    openblas_set_num_threads(1)
  }

  /// `c = alpha * op(a) * op(b) + beta * c`, with `op` an optional transpose.
  ///
  /// Shapes: `op(a)` is `m x k`, `op(b)` is `k x n`, `c` is `m x n`.
  static func gemm(
    _ a: Tensor, transposeA: Bool = false,
    _ b: Tensor, transposeB: Bool = false,
    alpha: Float = 1, beta: Float = 0, into c: inout Tensor
  ) {
    let m = transposeA ? a.cols : a.rows
    let k = transposeA ? a.rows : a.cols
    let n = transposeB ? b.rows : b.cols
    precondition((transposeB ? b.cols : b.rows) == k, "gemm: inner sizes differ")
    precondition(c.rows == m && c.cols == n, "gemm: output is \(c.shapeDescription)")
    if m == 0 || n == 0 { return }
    if k == 0 {
      for i in c.data.indices { c.data[i] *= beta }
      return
    }
    a.data.withUnsafeBufferPointer { pa in
      b.data.withUnsafeBufferPointer { pb in
        c.data.withUnsafeMutableBufferPointer { pc in
          cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha,
            pa.baseAddress, Int32(a.cols),
            pb.baseAddress, Int32(b.cols),
            beta, pc.baseAddress, Int32(n))
        }
      }
    }
  }
}

extension Tensor {
  /// `self * weight + bias`, with `bias` (`1 x n`) added to every row by
  /// the product itself (beta = 1 over bias rows): one pass fewer than a
  /// product followed by an addition.
  public func affine(_ weight: Tensor, bias: Tensor) -> Tensor {
    let n = weight.cols
    var out = Tensor(rows: rows, cols: n) { buffer in
      bias.read { b in
        for r in 0..<rows {
          (buffer.baseAddress! + r * n).update(from: b.baseAddress!, count: n)
        }
      }
    }
    BLAS.gemm(self, weight, beta: 1, into: &out)
    return out
  }

  /// The matrix product `op(self) * op(other)`.
  public func matmul(
    _ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false
  ) -> Tensor {
    let (m, n) = (transposeSelf ? cols : rows, transposeOther ? other.rows : other.cols)
    // gemm with beta 0 overwrites every element: no zero-fill needed
    var out = Tensor(rows: m, cols: n) { buffer in
      if (transposeSelf ? rows : cols) == 0 { buffer.initialize(repeating: 0) }
    }
    BLAS.gemm(
      self, transposeA: transposeSelf, other, transposeB: transposeOther, into: &out)
    return out
  }
}
