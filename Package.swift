// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "lad",
  products: [
    .executable(name: "lad", targets: ["lad"]),
    .library(name: "Runtime", targets: ["Runtime"]),
  ],
  targets: [
    // C libraries from Debian's packages (scripts/setup installs them).
    .systemLibrary(
      name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(
      name: "CEditLine", path: "Sources/CEditLine", pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]),
    .systemLibrary(
      name: "CGraphviz", path: "Sources/CGraphviz", pkgConfig: "libgvc",
      providers: [.apt(["libgraphviz-dev"])]),
    .systemLibrary(
      name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]),

    .target(name: "Runtime", dependencies: ["CBLAS", "CZlib"]),
    .target(name: "Viz", dependencies: ["Runtime", "CGraphviz"]),
    .target(name: "Interpreter", dependencies: ["Runtime", "Viz", "CEditLine"]),
    .executableTarget(name: "lad", dependencies: ["Interpreter"]),

    .testTarget(name: "RuntimeTests", dependencies: ["Runtime"]),
    .testTarget(name: "VizTests", dependencies: ["Viz", "Runtime"]),
    .testTarget(name: "InterpreterTests", dependencies: ["Interpreter", "Runtime"]),
  ]
)
