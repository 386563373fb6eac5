/// The mean and population standard deviation of repeated figures (runs
/// over seeds or folds), as METHOD.md section 4 reports them:
/// `mean = sum(x) / n`, `std = sqrt(sum((x - mean)^2) / n)`.
public struct Summary: Sendable, Equatable, Codable {
  public var mean: Double
  public var std: Double
  public var count: Int

  /// NaN mean and std for no values; a NaN among the values (an AUC of a
  /// one-class test set) makes both NaN, as it should.
  public init(_ values: [Double]) {
    count = values.count
    guard !values.isEmpty else {
      mean = .nan
      std = .nan
      return
    }
    let n = Double(values.count)
    let mean = values.reduce(0, +) / n
    self.mean = mean
    std = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n).squareRoot()
  }
}
