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
    .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
    .systemLibrary(
      name: "CEditLine", path: "Sources/CEditLine", pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]),
    .systemLibrary(
      name: "CGraphviz", path: "Sources/CGraphviz", pkgConfig: "libgvc",
      providers: [.apt(["libgraphviz-dev"])]),
    .systemLibrary(
      name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]),

    // Exclusivity checks cost a runtime call per class-property access in
    // the numeric loops; the runtime is single-threaded by design.
    .target(
      name: "Runtime", dependencies: ["CBLAS", "CMalloc", "CZlib"],
      swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
    .target(name: "Viz", dependencies: ["Runtime", "CGraphviz"]),
    .target(name: "Interpreter", dependencies: ["Runtime", "Viz", "CEditLine"]),
    .executableTarget(name: "lad", dependencies: ["Interpreter"]),

    .testTarget(name: "RuntimeTests", dependencies: ["Runtime"]),
    .testTarget(name: "VizTests", dependencies: ["Viz", "Runtime"]),
    .testTarget(name: "InterpreterTests", dependencies: ["Interpreter", "Runtime"]),
    // runs the built lad binary on examples/*.lad
    .testTarget(name: "EndToEndTests", dependencies: ["lad"]),
  ]
)
