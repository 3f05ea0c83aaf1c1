import Foundation

/// Hands the memory a finished stage freed back to the system. glibc keeps freed pages in its
/// heap, where the next stage's large arrays often do not fit, so without this a stage's peak
/// adds up with the peaks before it.
enum FreedMemory {
    private typealias Trim = @convention(c) (Int) -> Int32

    /// glibc's `malloc_trim`, looked up at run time (Swift's Glibc module does not declare it);
    /// nil on other C libraries, where there is nothing to do.
    private static let trim: Trim? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Trim.self)
    }()

    static func release() { _ = trim?(0) }
}
