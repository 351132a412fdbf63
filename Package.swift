// swift-tools-version:6.0
import PackageDescription

// Digest: listings of papers in, a static digest site out.
// The only library is the system C library libcmark (Debian: libcmark-dev).
let package = Package(
    name: "Digest",
    products: [
        .executable(name: "digest", targets: ["digest"]),
        .library(name: "DigestCore", targets: ["DigestCore"]),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(name: "DigestCore", dependencies: ["CCmark"]),
        .executableTarget(name: "digest", dependencies: ["DigestCore"]),
        // Benchmark: generates large listings and times the pipeline.
        .executableTarget(name: "digest-bench", dependencies: ["DigestCore"]),
        // Tests read seeds/ and Tests/DigestCoreTests/Fixtures/ from the
        // checkout (see TestPaths), so they run against the real listings.
        .testTarget(
            name: "DigestCoreTests",
            dependencies: ["DigestCore"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
