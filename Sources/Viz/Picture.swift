import Foundation

/// The file formats pictures are written in.
public enum PictureFormat: String, Sendable, CaseIterable {
  case svg
  case png

  /// The format a path's extension names (`.svg`, `.png`, any case).
  public init?(path: String) {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    self.init(rawValue: name[name.index(after: dot)...].lowercased())
  }
}

/// A finished picture as it was written: where, what it shows, and its
/// bytes (the SVG text, the PNG data, or both), kept for the HTML report.
public struct Picture: Sendable, Equatable {
  /// The path it was written to.
  public var path: String
  /// One line saying what it shows.
  public var caption: String
  /// The SVG document, when the picture has one.
  public var svg: String?
  /// The PNG bytes, when the picture has them.
  public var png: Data?

  public init(path: String, caption: String, svg: String? = nil, png: Data? = nil) {
    self.path = path
    self.caption = caption
    self.svg = svg
    self.png = png
  }
}
