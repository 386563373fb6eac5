import CBLAS

/// The one file that calls OpenBLAS.
public enum BLAS {
  /// Pins OpenBLAS to one thread: on this project's machines a second
  /// thread costs more in synchronisation than it gains on small matrices.
  public static func useSingleThread() {
    openblas_set_num_threads(1)
  }
}
