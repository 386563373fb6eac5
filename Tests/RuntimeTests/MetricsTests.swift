import Runtime
import XCTest

final class MetricsTests: XCTestCase {
  func testBinaryAUCWithTies() {
    // positives 0.8, 0.4; negatives 0.4, 0.1: pairs (0.8>0.4, 0.8>0.1,
    // 0.4=0.4 counts half, 0.4>0.1) = 3.5 / 4
    let auc = Metrics.binaryAUC(scores: [0.8, 0.4, 0.4, 0.1], positive: [true, true, false, false])
    XCTAssertEqual(auc, 0.875, accuracy: 1e-12)
    XCTAssertTrue(Metrics.binaryAUC(scores: [1, 2], positive: [true, true]).isNaN)
  }

  func testWeightedF1AgainstHandComputation() {
    // class 0: tp 1, fp 1, fn 1 -> f1 0.5, support 2
    // class 1: tp 2, fp 1, fn 1 -> f1 2/3, support 3
    let f1 = Metrics.weightedF1(predicted: [0, 1, 1, 1, 0], labels: [0, 0, 1, 1, 1], classCount: 2)
    XCTAssertEqual(f1, (0.5 * 2 + 2.0 / 3 * 3) / 5, accuracy: 1e-12)
  }

  func testScoresFromLogProbabilities() {
    let logProbs = Tensor([[-0.1, -2.3], [-1.6, -0.2], [-0.7, -0.7], [-3, -0.05]])
    let s = Metrics.scores(logProbs: logProbs, labels: [0, 1, 1, 0])
    XCTAssertEqual(s.accuracy, 0.5)
    XCTAssertEqual(s.auc, 0.5, accuracy: 1e-12)
  }

  func testMultiClassAUCIsMacroOneVsRest() {
    let scores = Tensor([[0.9, 0.05, 0.05], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6], [0.6, 0.3, 0.1]])
    let auc = Metrics.rocAUC(scores: scores, labels: [0, 1, 2, 0])
    XCTAssertEqual(auc, 1.0, accuracy: 1e-12)
  }
}
