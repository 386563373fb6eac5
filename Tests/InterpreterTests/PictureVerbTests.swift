import Foundation
import Interpreter
import Runtime
import XCTest

/// The picture verbs run on a real session with MUTAG, in a temporary
/// working directory (default file names land there). One class: these
/// tests render with Graphviz, and run one after another.
final class PictureVerbTests: XCTestCase {
  private var directory: URL!
  private var previousDirectory = ""

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("lad-pictures-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    previousDirectory = FileManager.default.currentDirectoryPath
    XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(directory.path))
  }

  override func tearDownWithError() throws {
    _ = FileManager.default.changeCurrentDirectoryPath(previousDirectory)
    try? FileManager.default.removeItem(at: directory)
  }

  private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  /// Runs a script on a session over the shared datasets.
  private func run(_ script: String) throws -> (status: Int32, output: String, errors: String) {
    let environment = ProcessInfo.processInfo.environment
    let root = environment["LAD_DATA"].flatMap { $0.isEmpty ? nil : $0 } ?? "/work/shared/datasets"
    guard FileManager.default.fileExists(atPath: root + "/MUTAG") else {
      throw XCTSkip("no MUTAG under '\(root)': set LAD_DATA")
    }
    let output = BufferSink()
    let errors = BufferSink()
    let console = Console(output: output, errors: errors)
    let session = Session(environment: ["LAD_DATA": root, "LAD_IMAGES": "off"])
    let interpreter = Interpreter(console: console, executor: session)
    let status = ScriptRunner(interpreter: interpreter).run(script, file: "pictures.lad")
    return (status, output.text, errors.text)
  }

  func testDrawingNeedsNoModelAndWritesBothFormats() throws {
    let svg = path("g.svg")
    let png = path("g.png")
    let result = try run("load MUTAG\ndraw graph 3 to=\(svg)\ndraw graph 3 to=\(png)\ndraw graph 4")
    XCTAssertEqual(result.status, 0, result.errors)
    XCTAssertTrue(
      result.output.contains("wrote \(svg)\nwrote \(png)\nwrote mutag-graph-4.svg\n"),
      result.output)
    XCTAssertTrue(FileManager.default.fileExists(atPath: path("mutag-graph-4.svg")))
    let text = try String(contentsOfFile: svg, encoding: .utf8)
    XCTAssertTrue(text.contains("MUTAG graph 3"))
    XCTAssertFalse(text.contains("ring: label attention"), "no teacher, no rings")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
    XCTAssertEqual(bytes.prefix(4), Data([0x89, 0x50, 0x4E, 0x47]))
  }

  func testPicturesOfTrainedModelsAndTheReport() throws {
    let report = path("r.html")
    let result = try run(
      """
      load MUTAG
      set quiet=true epochs=2
      teacher gcn
      distill
      draw graph 12 to=\(path("m.svg"))
      draw attention top=1 split=test
      plot embeddings model=student split=test to=\(path("e.svg"))
      plot roc to=\(path("roc.png"))
      report to="\(report)"
      """)
    XCTAssertEqual(result.status, 0, result.errors)
    let molecule = try String(contentsOfFile: path("m.svg"), encoding: .utf8)
    XCTAssertTrue(molecule.contains("ring: label attention"))
    XCTAssertTrue(molecule.contains("student predicts"))
    XCTAssertTrue(result.output.contains("student embeddings of 19 graphs"), result.output)
    XCTAssertTrue(result.output.contains("wrote \(report) (8 commands, 4 pictures)"), result.output)

    let html = try String(contentsOfFile: report, encoding: .utf8)
    XCTAssertEqual(html.components(separatedBy: "<svg").count - 1, 3)
    XCTAssertEqual(html.components(separatedBy: "data:image/png;base64,").count - 1, 1)
    XCTAssertTrue(html.contains("<td>student</td><td>gcn</td><td>1</td>"))
    // the attention picture has a default name in the working directory
    let attention = try XCTUnwrap(
      result.output.split(separator: "\n").first { $0.hasPrefix("wrote mutag-attention-1-") })
    XCTAssertTrue(FileManager.default.fileExists(atPath: path(String(attention.dropFirst(6)))))
  }

  func testMistakesAreReportedWithHints() throws {
    let cases: [(String, String)] = [
      ("draw graph 188", "there is no graph 188: MUTAG has graphs 0 to 187"),
      ("draw graph", "'draw graph' needs the index of the graph to draw"),
      ("draw graph 1 to=\(path("x.jpg"))", "does not end in .svg or .png"),
      ("draw graph 1 top=2", "'top' applies to 'draw attention', not to 'draw graph'"),
      ("draw attention", "no teacher has been trained"),
      ("draw attention to=\(path("a.svg"))", "'to' applies to 'draw graph'"),
      ("draw attention model=student", "only the teacher has label attention"),
      ("plot embeddings model=student", "no student has been trained"),
      ("plot curves", "no model has been trained yet"),
      ("plot roc method=pca", "'method' applies to 'plot embeddings'"),
      ("report to=\(path("r.txt"))", "does not end in .html"),
    ]
    for (command, message) in cases {
      let result = try run("load MUTAG\n\(command)")
      XCTAssertEqual(result.status, 64, command)
      XCTAssertTrue(result.errors.contains(message), "\(command): \(result.errors)")
      XCTAssertTrue(result.errors.contains("pictures.lad:2:"), result.errors)
    }
    let nothing = try run("draw graph 1")
    XCTAssertTrue(nothing.errors.contains("no dataset is loaded"), nothing.errors)
  }
}
