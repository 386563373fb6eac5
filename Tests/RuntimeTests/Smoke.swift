import XCTest
final class RuntimeSmokeTests: XCTestCase { func testNothing() {} }
