import Runtime
import XCTest

final class SummaryTests: XCTestCase {
  func testMeanAndPopulationStandardDeviation() {
    let s = Summary([1, 2, 3, 4])
    XCTAssertEqual(s.count, 4)
    XCTAssertEqual(s.mean, 2.5, accuracy: 1e-12)
    // population: sqrt((2.25 + 0.25 + 0.25 + 2.25) / 4)
    XCTAssertEqual(s.std, 1.25.squareRoot(), accuracy: 1e-12)
    XCTAssertEqual(Summary([0.7]).std, 0)
    XCTAssertTrue(Summary([]).mean.isNaN)
    XCTAssertTrue(Summary([0.5, .nan]).std.isNaN)
  }
}
