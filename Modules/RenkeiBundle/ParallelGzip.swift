import RenkeiZlib
import Foundation

/// A destination for bytes.
public protocol ByteSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws
}

extension ByteSink {
    public func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }
}

/// Writes one standard gzip stream, compressing fixed-size blocks in parallel (the pigz
/// approach): each block is deflated independently, primed with the previous block's last
/// 32 KiB as dictionary, and ends on a byte boundary; the last block finishes the stream.
/// Block boundaries depend only on the input, so the output is the same on any number of cores.
///
/// With more than one thread, a block goes to the compressing threads as soon as it is full and
/// the caller goes on writing; finished blocks are written out in order, so reading, hashing and
/// tar run while earlier blocks are compressed. At most `4 × threads` blocks are in flight.
public final class ParallelGzipWriter: ByteSink {
    public static let blockSize = 128 * 1024
    static let dictionarySize = 32 * 1024

    private let output: any ByteSink
    private let level: Int32
    private let threads: Int
    private let pool: BlockCompressor?
    /// Compresses on the caller's thread when there is one thread.
    private lazy var deflater = BlockDeflater(level: level)
    private var pending: [UInt8] = []
    /// Blocks handed to the threads and not yet written, oldest first.
    private var inFlight: [BlockCompressor.Job] = []
    private var previousTail: [UInt8] = []
    private var crc: uLong = crc32(0, nil, 0)
    private var length: UInt64 = 0
    private var finished = false

    /// - Parameters:
    ///   - level: zlib level 1–9.
    ///   - threads: how many blocks are compressed at once; does not change the output.
    public init(output: any ByteSink, level: Int32 = 6, threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        self.output = output
        self.level = level
        self.threads = max(1, threads)
        pool = self.threads > 1 ? BlockCompressor(threads: self.threads) : nil
        // Header: magic, deflate, no flags, mtime 0, no extra flags, OS unknown — no name, no time.
        try output.write([0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF])
        pending.reserveCapacity(Self.blockSize)
    }

    deinit { pool?.stop() }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(!finished, "write after finish")
        var offset = 0
        while offset < bytes.count {
            let take = min(Self.blockSize - pending.count, bytes.count - offset)
            pending.append(contentsOf: bytes[offset..<offset + take])
            offset += take
            if pending.count == Self.blockSize {
                let block = pending
                pending = []
                pending.reserveCapacity(Self.blockSize)
                try compress(block, last: false)
            }
        }
    }

    /// Compresses what is left, writes the trailer (CRC-32 and length) and finishes the stream.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        try compress(pending, last: true)
        pending = []
        while !inFlight.isEmpty { try writeOldest() }
        pool?.stop()
        let c = UInt32(truncatingIfNeeded: crc)
        let n = UInt32(truncatingIfNeeded: length)
        try output.write([
            UInt8(c & 0xFF), UInt8(c >> 8 & 0xFF), UInt8(c >> 16 & 0xFF), UInt8(c >> 24),
            UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24),
        ])
    }

    /// Compresses one block — on the threads, or here with one thread — and writes out the
    /// blocks that are done, in order, keeping at most `4 × threads` in flight.
    private func compress(_ block: [UInt8], last: Bool) throws {
        let dictionary = previousTail
        previousTail = block.count >= Self.dictionarySize
            ? Array(block.suffix(Self.dictionarySize)) : Array((previousTail + block).suffix(Self.dictionarySize))
        guard let pool else {
            try emit(deflater.compress(block, dictionary: dictionary, last: last))
            return
        }
        inFlight.append(pool.submit(block, dictionary: dictionary, level: level, last: last))
        while inFlight.count > threads * 4 || (inFlight.first?.isDone ?? false) { try writeOldest() }
    }

    private func writeOldest() throws {
        try emit(inFlight.removeFirst().result())
    }

    /// Writes a compressed block and adds what it holds to the CRC-32 and length.
    private func emit(_ result: Result<CompressedBlock, GzipError>) throws {
        let block = try result.get()
        try output.write(block.bytes)
        crc = crc32_combine(crc, block.crc, .init(block.length))
        length += UInt64(block.length)
    }

}

/// A raw deflate stream reused from block to block (reset, not rebuilt, for each one).
final class BlockDeflater {
    private var stream = z_stream()
    private let ready: Bool
    private var output: [UInt8] = []

    init(level: Int32) {
        ready = deflateInit2_(&stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    deinit { if ready { deflateEnd(&stream) } }

    /// One block, deflated: a sync flush (byte-aligned, stream not final) or, for the last, a
    /// finish; with the CRC-32 of its input.
    func compress(_ input: [UInt8], dictionary: [UInt8], last: Bool) -> Result<CompressedBlock, GzipError> {
        guard ready else { return .failure(GzipError(message: "deflateInit2 failed")) }
        guard deflateReset(&stream) == Z_OK else { return .failure(GzipError(message: "deflateReset failed")) }
        if !dictionary.isEmpty {
            let ok = dictionary.withUnsafeBufferPointer { deflateSetDictionary(&stream, $0.baseAddress, uInt($0.count)) }
            guard ok == Z_OK else { return .failure(GzipError(message: "deflateSetDictionary failed (\(ok))")) }
        }
        let bound = Int(deflateBound(&stream, uLong(input.count))) + 64
        if output.count < bound { output = [UInt8](repeating: 0, count: bound) }
        let flush = last ? Z_FINISH : Z_SYNC_FLUSH
        var input = input
        let (status, produced): (Int32, Int) = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                let status = deflate(&stream, flush)
                return (status, outBuffer.count - Int(stream.avail_out))
            }
        }
        guard status == (last ? Z_STREAM_END : Z_OK), stream.avail_in == 0 else {
            return .failure(GzipError(message: "deflate failed (\(status))"))
        }
        let crc = input.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        return .success(CompressedBlock(bytes: Array(output[0..<produced]), crc: crc, length: input.count))
    }
}

/// A compressed block, with the CRC-32 and length of what it holds.
struct CompressedBlock {
    let bytes: [UInt8]
    let crc: uLong
    let length: Int
}

/// Threads that deflate blocks handed to them, first come first served.
final class BlockCompressor: @unchecked Sendable {
    /// One block to compress, and its result once a thread has made it.
    final class Job: @unchecked Sendable {
        let input: [UInt8]
        let dictionary: [UInt8]
        let level: Int32
        let last: Bool
        private let done = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var made: Result<CompressedBlock, GzipError>?

        init(input: [UInt8], dictionary: [UInt8], level: Int32, last: Bool) {
            self.input = input
            self.dictionary = dictionary
            self.level = level
            self.last = last
        }

        var isDone: Bool { lock.withLock { made != nil } }

        func run(_ deflater: BlockDeflater) {
            let result = deflater.compress(input, dictionary: dictionary, last: last)
            lock.withLock { made = result }
            done.signal()
        }

        /// Waits for the block and returns it compressed.
        func result() -> Result<CompressedBlock, GzipError> {
            if let made = lock.withLock({ made }) { return made }
            done.wait()
            return lock.withLock { made! }
        }
    }

    private let condition = NSCondition()
    private var queue: [Job] = []
    private var stopping = false

    init(threads: Int) {
        for _ in 0..<threads {
            let thread = Thread { [self] in work() }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    func submit(_ input: [UInt8], dictionary: [UInt8], level: Int32, last: Bool) -> Job {
        let job = Job(input: input, dictionary: dictionary, level: level, last: last)
        condition.lock()
        queue.append(job)
        condition.signal()
        condition.unlock()
        return job
    }

    /// Lets the threads end once the queue is empty.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        // Each thread keeps one deflate stream per level it is asked for.
        var deflaters: [Int32: BlockDeflater] = [:]
        while true {
            condition.lock()
            while queue.isEmpty && !stopping { condition.wait() }
            guard !queue.isEmpty else {
                condition.unlock()
                return
            }
            let job = queue.removeFirst()
            condition.unlock()
            let deflater = deflaters[job.level] ?? BlockDeflater(level: job.level)
            deflaters[job.level] = deflater
            job.run(deflater)
        }
    }
}

/// A gzip failure: bad data, a truncated stream or a zlib error.
public struct GzipError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Reads one gzip member from a file or a pipe, inflating as it goes. zlib checks the
/// trailer's CRC-32 and length when the member ends; a stream cut short, a second member or
/// any byte after the member is an error. Each file is opened once, so a pipe or a FIFO works.
public final class GzipReader {
    private let handle: FileHandle
    private let closeHandle: Bool
    private var stream = z_stream()
    private var input: [UInt8] = []
    private var inputOffset = 0
    private var ended = false
    private var inputExhausted = false
    /// Compressed bytes read so far.
    public private(set) var compressedBytes: UInt64 = 0
    /// Uncompressed bytes produced so far.
    public private(set) var uncompressedBytes: UInt64 = 0

    public convenience init(path: String) throws {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            throw GzipError(message: "\(path) is a folder, not an archive")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw GzipError(message: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        try self.init(handle: handle, closeWhenDone: true)
    }

    /// Reads from an open handle (standard input, a pipe); closes it only if `closeWhenDone`.
    public init(handle: FileHandle, closeWhenDone: Bool = false) throws {
        self.handle = handle
        self.closeHandle = closeWhenDone
        let status = inflateInit2_(&stream, MAX_WBITS + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw GzipError(message: "inflateInit2 failed (\(status))") }
    }

    deinit {
        inflateEnd(&stream)
        if closeHandle { try? handle.close() }
    }

    private func fill() throws {
        let chunk: Data
        do {
            chunk = try handle.read(upToCount: 1 << 16) ?? Data()
        } catch {
            throw GzipError(message: "cannot read the archive after \(compressedBytes) bytes: \(error.localizedDescription)")
        }
        if chunk.isEmpty { inputExhausted = true } else {
            input = [UInt8](chunk)
            inputOffset = 0
            compressedBytes += UInt64(chunk.count)
        }
    }

    /// zlib's own words for the last error, when it has any.
    private var zlibMessage: String { stream.msg.map { ": " + String(cString: $0) } ?? "" }

    /// Up to `count` uncompressed bytes; empty at the end of the stream.
    public func read(_ count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var produced = 0
        while produced < count && !ended {
            if inputOffset >= input.count && !inputExhausted { try fill() }
            let available = input.count - inputOffset
            if available == 0 && inputExhausted {
                throw GzipError(message: "the gzip stream ends early, after \(compressedBytes) bytes, without its end and its CRC-32 and length")
            }
            let status: Int32 = input.withUnsafeMutableBufferPointer { inBuffer in
                out.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_in = inBuffer.baseAddress! + inputOffset
                    stream.avail_in = uInt(available)
                    stream.next_out = outBuffer.baseAddress! + produced
                    stream.avail_out = uInt(count - produced)
                    return inflate(&stream, Z_NO_FLUSH)
                }
            }
            let consumed = available - Int(stream.avail_in)
            inputOffset += consumed
            let made = (count - produced) - Int(stream.avail_out)
            produced += made
            switch status {
            case Z_STREAM_END:
                // zlib has checked the CRC-32 and the length. Nothing may follow: not a second
                // member (other readers would append it to the tar stream), not garbage.
                if inputOffset >= input.count && !inputExhausted { try fill() }
                if input.count - inputOffset > 0 {
                    let next = Array(input[inputOffset...].prefix(2))
                    let what = next == [0x1F, 0x8B] ? "a second gzip member follows the first" : "data follows the end of the gzip stream"
                    throw GzipError(message: "\(what) (at compressed byte \(compressedBytes - UInt64(input.count - inputOffset)))")
                }
                ended = true
            case Z_OK:
                break
            case Z_BUF_ERROR where made == 0 && consumed == 0:
                throw GzipError(message: "the gzip stream ends early, after \(compressedBytes) bytes")
            case Z_DATA_ERROR:
                throw GzipError(message: "the gzip data is corrupt near compressed byte \(compressedBytes - UInt64(input.count - inputOffset))\(zlibMessage)")
            default:
                throw GzipError(message: "zlib failed with status \(status)\(zlibMessage)")
            }
        }
        uncompressedBytes += UInt64(produced)
        out.removeLast(count - produced)
        return out
    }
}

/// Writes bytes to a file through a buffer.
public final class FileSink: ByteSink {
    private let handle: UnsafeMutablePointer<FILE>
    public let path: String
    public private(set) var bytesWritten: UInt64 = 0

    public init(path: String) throws {
        guard let handle = fopen(path, "wb") else {
            throw GzipError(message: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        self.handle = handle
        self.path = path
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count > 0 else { return }
        guard fwrite(bytes.baseAddress, 1, bytes.count, handle) == bytes.count else {
            throw GzipError(message: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        bytesWritten += UInt64(bytes.count)
    }

    /// Flushes to disk and closes.
    public func close() throws {
        guard fflush(handle) == 0, fsync(fileno(handle)) == 0 else {
            fclose(handle)
            throw GzipError(message: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        fclose(handle)
    }
}
