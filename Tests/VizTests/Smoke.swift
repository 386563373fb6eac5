import XCTest
final class VizSmokeTests: XCTestCase { func testNothing() {} }
