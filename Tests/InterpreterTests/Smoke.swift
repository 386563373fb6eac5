import XCTest
final class InterpreterSmokeTests: XCTestCase { func testNothing() {} }
