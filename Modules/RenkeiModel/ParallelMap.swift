import Foundation

/// Runs independent pieces of work on several threads and returns their results in the order
/// of the input, so what a run produces never depends on the number of threads.
public enum ParallelMap {
    /// The threads to use: `RENKEI_THREADS` when set (for measurements and checks), otherwise the
    /// active processors.
    public static var defaultThreads: Int {
        if let set = ProcessInfo.processInfo.environment["RENKEI_THREADS"].flatMap(Int.init), set >= 1 { return set }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// `items.map(transform)`, computed on up to `threads` threads; each item is transformed
    /// exactly once, and the results keep the input order.
    public static func map<T: Sendable, R: Sendable>(
        _ items: [T], threads: Int = defaultThreads, _ transform: @Sendable (T) -> R
    ) -> [R] {
        let threads = min(max(1, threads), items.count)
        guard threads > 1 else { return items.map(transform) }
        let results = Results<R>(count: items.count)
        withoutActuallyEscaping(transform) { transform in
            let work = Work(items: items, transform: transform, results: results)
            DispatchQueue.concurrentPerform(iterations: threads) { _ in work.run() }
        }
        return results.values()
    }

    /// The shared state of one map: the next item to take and the results so far.
    private final class Results<R: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var storage: [R?]

        init(count: Int) { storage = Array(repeating: nil, count: count) }

        func take() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < storage.count else { return nil }
            next += 1
            return next - 1
        }

        func store(_ value: R, at index: Int) {
            lock.lock()
            storage[index] = value
            lock.unlock()
        }

        func values() -> [R] { storage.map { $0! } }
    }

    private struct Work<T: Sendable, R: Sendable>: @unchecked Sendable {
        let items: [T]
        let transform: @Sendable (T) -> R
        let results: Results<R>

        func run() {
            while let i = results.take() { results.store(transform(items[i]), at: i) }
        }
    }
}
