import Foundation
import Synchronization

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Fetches one URL into an open file: `http://` and `https://` through
/// URLSession (the only file that uses FoundationNetworking), `file://` by
/// copying, which URLSession on Linux does not do for streamed tasks.
enum URLFetch {
  /// Why a fetch failed, as a phrase (`the server answered 404 Not Found`).
  struct Failure: Error {
    var reason: String
  }

  /// Writes the body of `url` to `descriptor`. `progress` gets the bytes
  /// received so far and the expected total (when the server says it),
  /// about ten times a second, on the calling thread; `isCancelled` is
  /// polled as often and abandons the transfer when it returns true.
  /// Returns the number of bytes written.
  static func fetch(
    _ url: String, into descriptor: Int32, timeout: Double = 30, progress: (Int, Int?) -> Void,
    isCancelled: () -> Bool
  ) throws(Failure) -> Int {
    guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased() else {
      throw Failure(reason: "'\(url)' is not a URL")
    }
    switch scheme {
    case "file": return try copy(parsed.path, into: descriptor)
    case "http", "https": break
    default: throw Failure(reason: "'\(scheme)://' URLs are not supported (http, https, file)")
    }

    let receiver = Receiver(descriptor: descriptor, timeout: timeout)
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = timeout
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    let session = URLSession(configuration: configuration, delegate: receiver, delegateQueue: nil)
    defer { session.invalidateAndCancel() }
    let task = session.dataTask(with: parsed)
    task.resume()
    var cancelled = false
    while receiver.done.wait(timeout: .now() + 0.1) == .timedOut {
      let (received, expected) = receiver.state.withLock { ($0.received, $0.expected) }
      progress(received, expected)
      if !cancelled && isCancelled() {
        cancelled = true
        task.cancel()
      }
    }
    let state = receiver.state.withLock { $0 }
    if cancelled { throw Failure(reason: "interrupted") }
    if let failure = state.failure { throw Failure(reason: failure) }
    if let expected = state.expected, expected != state.received {
      throw Failure(reason: "the transfer stopped after \(state.received) of \(expected) bytes")
    }
    progress(state.received, state.expected)
    return state.received
  }

  private static func copy(_ path: String, into descriptor: Int32) throws(Failure) -> Int {
    guard let input = FileHandle(forReadingAtPath: path) else {
      throw Failure(reason: "cannot open '\(path)'")
    }
    defer { try? input.close() }
    var total = 0
    do {
      while let data = try input.read(upToCount: FileBytes.chunkSize), !data.isEmpty {
        if let problem = writeAll(data, to: descriptor) { throw Failure(reason: problem) }
        total += data.count
      }
    } catch let failure as Failure {
      throw failure
    } catch {
      throw Failure(reason: "cannot read '\(path)'")
    }
    return total
  }

  /// A URL loading error in plain words (`the server sent nothing for
  /// 30 s (timed out)`), never `NSURLErrorDomain error -1001`.
  static func describe(_ error: NSError, host: String, timeout: Double) -> String {
    let seconds = timeout == timeout.rounded() ? String(Int(timeout)) : String(timeout)
    guard error.domain == NSURLErrorDomain else {
      return "a transfer error (\(error.domain) \(error.code))"
    }
    switch error.code {
    case NSURLErrorTimedOut:
      return "\(host) sent nothing for \(seconds) s (timed out)"
    case NSURLErrorCannotConnectToHost:
      return "could not connect to \(host) (nothing answered: the server is down, or a "
        + "firewall is in the way)"
    case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed:
      return "the host name \(host) could not be resolved (no network, or no DNS)"
    case NSURLErrorNotConnectedToInternet:
      return "this machine is not connected to a network"
    case NSURLErrorNetworkConnectionLost:
      return "the connection to \(host) was lost during the transfer"
    case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted,
      NSURLErrorServerCertificateHasBadDate, NSURLErrorServerCertificateNotYetValid,
      NSURLErrorServerCertificateHasUnknownRoot, NSURLErrorClientCertificateRejected:
      return "a secure (TLS) connection to \(host) could not be made"
    case NSURLErrorBadServerResponse:
      return "\(host) sent a reply that is not valid HTTP"
    case NSURLErrorCancelled:
      return "the transfer was cancelled"
    default:
      return "a network error (URL error \(error.code))"
    }
  }

  /// Writes `data` whole; the reason on failure.
  fileprivate static func writeAll(_ data: Data, to descriptor: Int32) -> String? {
    data.withUnsafeBytes { raw -> String? in
      var offset = 0
      while offset < raw.count {
        let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return "cannot write to the cache (\(String(cString: strerror(errno))))"
        }
        offset += written
      }
      return nil
    }
  }
}

/// URLSession's delegate: checks the status, appends the body to the file,
/// and signals the end. Its state is read by the waiting thread.
private final class Receiver: NSObject, URLSessionDataDelegate, Sendable {
  struct State {
    var received = 0
    var expected: Int?
    var failure: String?
  }

  let descriptor: Int32
  let timeout: Double
  let state = Mutex(State())
  let done = DispatchSemaphore(value: 0)

  init(descriptor: Int32, timeout: Double) {
    self.descriptor = descriptor
    self.timeout = timeout
  }

  func urlSession(
    _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
  ) {
    if let http = response as? HTTPURLResponse, http.statusCode != 200 {
      let phrase = HTTPURLResponse.localizedString(forStatusCode: http.statusCode)
      state.withLock { $0.failure = "the server answered \(http.statusCode) \(phrase)" }
      completionHandler(.cancel)
      return
    }
    let length = response.expectedContentLength
    state.withLock { $0.expected = length >= 0 ? Int(length) : nil }
    completionHandler(.allow)
  }

  func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
    if let problem = URLFetch.writeAll(data, to: descriptor) {
      state.withLock { $0.failure = $0.failure ?? problem }
      dataTask.cancel()
      return
    }
    state.withLock { $0.received += data.count }
  }

  func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
    if let error {
      let description = URLFetch.describe(
        error as NSError, host: task.originalRequest?.url?.host ?? "the server", timeout: timeout)
      state.withLock { $0.failure = $0.failure ?? description }
    }
    done.signal()
  }
}
