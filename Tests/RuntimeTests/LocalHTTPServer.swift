import Foundation
import Synchronization

/// A tiny HTTP/1.1 server on 127.0.0.1 (a free port) for the download
/// tests: one connection at a time, one request a connection, answers
/// from a table of paths. Stops when released.
final class LocalHTTPServer: @unchecked Sendable {
  enum Reply {
    /// 200 with this body.
    case ok([UInt8])
    /// This status with a short text body.
    case status(Int, String)
    /// 200 announcing `claimed` bytes, sending `body`, then closing.
    case cutShort([UInt8], claimed: Int)
    /// 200 announcing 1000 bytes, sending 10, then waiting (at most 5 s)
    /// for the client to give up.
    case stall
  }

  let port: UInt16
  private let listener: Int32
  private let state = Mutex(State())

  private struct State {
    var replies: [String: Reply] = [:]
    var requests: [String] = []
    var stopping = false
  }
  private let stopped = DispatchSemaphore(value: 0)

  /// The base URL, `http://127.0.0.1:PORT`.
  var baseURL: String { "http://127.0.0.1:\(port)" }

  /// The paths requested so far, in order.
  var requests: [String] { state.withLock { $0.requests } }

  init() throws {
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard listener >= 0 else { throw POSIXError(.EIO) }
    self.listener = listener
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
        bind(listener, raw, length) == 0 && listen(listener, 8) == 0
          && getsockname(listener, raw, &length) == 0
      }
    }
    guard bound else {
      close(listener)
      throw POSIXError(.EADDRNOTAVAIL)
    }
    port = UInt16(bigEndian: address.sin_port)
    let thread = Thread { [self] in serve() }
    thread.start()
  }

  /// Stops accepting and waits for the serving thread to end.
  func stop() {
    guard
      state.withLock({ state in
        defer { state.stopping = true }
        return !state.stopping
      })
    else { return }
    shutdown(listener, Int32(SHUT_RDWR))
    stopped.wait()
    close(listener)
  }

  func reply(_ path: String, _ reply: Reply) {
    state.withLock { $0.replies[path] = reply }
  }

  private func serve() {
    defer { stopped.signal() }
    while true {
      let connection = accept(listener, nil, nil)
      guard connection >= 0 else {
        if errno == EINTR { continue }
        return
      }
      answer(connection)
      close(connection)
    }
  }

  private func answer(_ connection: Int32) {
    // the request line and headers, up to the blank line
    var request: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while !request.containsBlankLine && request.count < 65536 {
      let got = recv(connection, &buffer, buffer.count, 0)
      guard got > 0 else { return }
      request += buffer[0..<got]
    }
    let line = String(decoding: request.prefix { $0 != UInt8(ascii: "\r") }, as: UTF8.self)
    let path = line.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
    let reply = state.withLock { state in
      state.requests.append(path)
      return state.replies[path] ?? .status(404, "Not Found")
    }
    switch reply {
    case .ok(let body):
      send(connection, head: "200 OK", length: body.count, body: body)
    case .status(let code, let phrase):
      send(
        connection, head: "\(code) \(phrase)", length: phrase.utf8.count, body: Array(phrase.utf8))
    case .cutShort(let body, let claimed):
      send(connection, head: "200 OK", length: claimed, body: body)
    case .stall:
      send(connection, head: "200 OK", length: 1000, body: [UInt8](repeating: 0, count: 10))
      var poller = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
      _ = poll(&poller, 1, 5000)
    }
  }

  private func send(_ connection: Int32, head: String, length: Int, body: [UInt8]) {
    let header =
      "HTTP/1.1 \(head)\r\nContent-Type: application/zip\r\nContent-Length: \(length)\r\n"
      + "Connection: close\r\n\r\n"
    let bytes = Array(header.utf8) + body
    var offset = 0
    while offset < bytes.count {
      let sent = bytes[offset...].withUnsafeBytes {
        Foundation.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      guard sent > 0 else { return }
      offset += sent
    }
  }
}

extension Array where Element == UInt8 {
  fileprivate var containsBlankLine: Bool {
    guard count >= 4 else { return false }
    for i in 0...(count - 4)
    where self[i] == 13 && self[i + 1] == 10 && self[i + 2] == 13 && self[i + 3] == 10 {
      return true
    }
    return false
  }
}
