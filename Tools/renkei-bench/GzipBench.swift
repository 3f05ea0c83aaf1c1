import Foundation
import RenkeiBundle

/// Measures the parallel gzip writer: `renkei-bench FILE [THREADS…]` compresses FILE once per
/// thread count, discarding the output, and prints throughput and the output's size.
@main
struct GzipBench {
    final class NullSink: ByteSink {
        var count: UInt64 = 0
        func write(_ bytes: UnsafeRawBufferPointer) throws { count += UInt64(bytes.count) }
    }

    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        guard let path = arguments.first, let data = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write(Data("usage: renkei-bench FILE [THREADS…]\n".utf8))
            exit(2)
        }
        let counts = arguments.dropFirst().compactMap { Int($0) }
        let bytes = [UInt8](data)
        for threads in counts.isEmpty ? [1, ProcessInfo.processInfo.activeProcessorCount] : counts {
            let sink = NullSink()
            let start = Date()
            let gzip = try ParallelGzipWriter(output: sink, threads: threads)
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + (1 << 20), bytes.count)
                try bytes[offset..<end].withUnsafeBytes { try gzip.write($0) }
                offset = end
            }
            try gzip.finish()
            let seconds = Date().timeIntervalSince(start)
            print(String(format: "threads %d: %.2f s, %.1f MB/s, %d -> %d bytes", threads, seconds, Double(bytes.count) / seconds / 1e6, bytes.count, sink.count))
        }
    }
}
