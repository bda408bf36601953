#if canImport(CJemalloc)
internal import CJemalloc
#endif

/// The memory allocator the `iatix` program is linked with.
///
/// iatix allocates many small objects (copied elements, strings, XPath node sets) on several
/// threads at once; jemalloc serves that with per-thread caches, which makes validation and
/// conversion about a sixth faster than glibc's allocator (see `scripts/bench-validate.sh`).
/// Linking it into the executable only leaves the libraries' users free to choose their own.
enum Allocator {
    /// `jemalloc 5.3.0`, or `system malloc` when built without it (`IATIX_SYSTEM_MALLOC=1`)
    /// or if it does not answer.
    static var description: String {
        #if canImport(CJemalloc)
        guard let version = iatix_jemalloc_version() else { return "system malloc" }
        let full = String(cString: version)
        return "jemalloc " + (full.split(separator: "-").first.map(String.init) ?? full)
        #else
        return "system malloc"
        #endif
    }
}
