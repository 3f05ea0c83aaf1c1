import Foundation

/// Hands memory freed by finished batches back to the system. A streamed run allocates and frees
/// the same sizes over and over on several threads; without this, the allocator keeps the freed
/// pages of every arena and the process's resident size creeps up with the number of records.
enum FreedMemory {
    private typealias MallocTrim = @convention(c) (Int) -> Int32

    /// glibc's `malloc_trim`, looked up at run time (Swift's Glibc module does not declare it).
    private static let mallocTrim: MallocTrim? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: MallocTrim.self)
    }()

    static func release() {
        _ = mallocTrim?(0)
    }
}
