import Foundation
import XCTest

/// Every implemented backbone runs teacher, distill and baseline through
/// the lad binary; the GIN keys reach the runtime.
final class BackboneScriptTests: XCTestCase {
  func testEachBackboneRunsThroughTheLanguage() throws {
    let directory = try temporaryDirectory()
    for backbone in ["sage", "gin", "gat", "pna", "dgcnn", "sagpool", "mewispool"] {
      let commands =
        "load MUTAG; set quiet=true epochs=1 nhid=16; teacher \(backbone); distill; "
        + "baseline \(backbone)"
      let run = try runLad(["-e", commands], in: directory)
      XCTAssertEqual(run.status, 0, "\(backbone): \(run.errors)")
      for role in ["teacher", "student", "baseline"] {
        let line = "\(role) \(backbone) on MUTAG: 1 epochs"
        XCTAssertTrue(run.output.contains(line), "\(backbone): \(run.output)")
      }
    }
  }

  /// Degree features and dense ego-networks: the pooling backbones must
  /// cope with graphs where an independent set is small.
  func testPoolingBackbonesRunOnIMDBBinary() throws {
    let directory = try temporaryDirectory()
    for backbone in ["sagpool", "mewispool"] {
      let commands =
        "load IMDB-BINARY; set quiet=true epochs=1 nhid=16; teacher \(backbone); distill; "
        + "baseline \(backbone); evaluate"
      let run = try runLad(["-e", commands], in: directory)
      XCTAssertEqual(run.status, 0, "\(backbone): \(run.errors)")
      for role in ["teacher", "student", "baseline"] {
        let line = "\(role) \(backbone) on IMDB-BINARY: 1 epochs"
        XCTAssertTrue(run.output.contains(line), "\(backbone): \(run.output)")
      }
    }
  }

  func testTrainEpsIsAGINKey() throws {
    let directory = try temporaryDirectory()
    let run = try runLad(
      ["-e", "load MUTAG; set quiet=true epochs=1; baseline gin train_eps=true nhid=8; evaluate"],
      in: directory)
    XCTAssertEqual(run.status, 0, run.errors)
    let bad = try runLad(["-e", "load MUTAG; baseline gin train_eps=maybe"], in: directory)
    XCTAssertEqual(bad.status, 64)
    XCTAssertTrue(bad.errors.contains("train_eps"), bad.errors)
  }

  func testGATWidthMustSplitOverItsHeads() throws {
    let directory = try temporaryDirectory()
    let run = try runLad(["-e", "load MUTAG; teacher gat nhid=66"], in: directory)
    XCTAssertEqual(run.status, 64)
    XCTAssertTrue(run.errors.contains("'66' does not split"), run.errors)
  }
}
