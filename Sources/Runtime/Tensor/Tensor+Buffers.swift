/// Raw-buffer access for the numeric kernels: the loops of the ops run on
/// pointers, free of bounds checks and copy-on-write checks per element.
/// Every kernel checks shapes before it enters these.
extension Tensor {
  @inline(__always)
  func read<R>(_ body: (UnsafeBufferPointer<Float>) -> R) -> R {
    data.withUnsafeBufferPointer(body)
  }

  @inline(__always)
  mutating func write<R>(_ body: (UnsafeMutableBufferPointer<Float>) -> R) -> R {
    data.withUnsafeMutableBufferPointer { buffer in body(buffer) }
  }
}

/// A fresh `rows x cols` tensor filled by `body` through a raw buffer.
@inline(__always)
func makeTensor(
  _ rows: Int, _ cols: Int, _ body: (UnsafeMutableBufferPointer<Float>) -> Void
) -> Tensor {
  var t = Tensor(rows: rows, cols: cols)
  t.write(body)
  return t
}
