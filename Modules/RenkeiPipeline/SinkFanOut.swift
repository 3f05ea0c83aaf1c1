import Foundation
import RenkeiExport
import RenkeiModel
import RenkeiStore

/// One exporter of a run: what it is, the sink, where it writes, and whether it has been
/// finished (a sink begun and not finished is aborted when the run fails).
final class Sink: @unchecked Sendable {
    let description: ExporterDescription
    let sink: any RecordSink
    let output: OutputDirectory
    var finished = false
    /// Time spent in this sink's `write` calls so far, to hand the slowest sinks out first.
    var busy: UInt64 = 0

    init(description: ExporterDescription, sink: any RecordSink, output: OutputDirectory) {
        self.description = description
        self.sink = sink
        self.output = output
    }

    /// Finishes the exporter; one whose `finish` fails is aborted, since it may still hold what
    /// `begin` opened.
    func finish() throws {
        finished = true
        do {
            try ExportRunner.labelled(description) { try sink.finish() }
        } catch {
            sink.abort()
            throw error
        }
    }
}

/// Feeds every record of a store to several sinks at once, on up to `threads` threads.
///
/// The records are read in batches on the calling thread. Each batch is then written by every
/// sink — one task per sink, the tasks spread over the threads, the slowest sinks so far handed
/// out first — while the calling thread reads the next batch. A sink gets its batches in order
/// and never two at once, so what it writes does not depend on the threads. Sinks are finished
/// on the threads too. The first failure, in the sinks' order, is thrown once every task has
/// stopped.
struct SinkFanOut {
    let sinks: [Sink]
    let threads: Int
    /// Records per batch: enough to keep the threads busy, few enough to bound memory.
    var batchSize = 256

    func run(_ store: Store) throws {
        let work = DispatchQueue(label: "renkei.export.fan-out")
        var pending: DispatchWorkItem?
        let outcome = BatchOutcome()
        var batch: [AnyRecord] = []
        batch.reserveCapacity(batchSize)

        /// Waits for the batch in flight, then throws its first failure.
        func settle() throws {
            pending?.wait()
            pending = nil
            if let failure = outcome.failure { throw failure }
        }
        func send(_ records: [AnyRecord]) throws {
            try settle()
            let order = sinks.indices.sorted { sinks[$0].busy > sinks[$1].busy }
            let item = DispatchWorkItem { [sinks, threads] in
                let errors = ParallelMap.map(order, threads: threads) { index -> SendableError? in
                    let sink = sinks[index]
                    let start = DispatchTime.now().uptimeNanoseconds
                    defer { sink.busy += DispatchTime.now().uptimeNanoseconds - start }
                    do {
                        for record in records {
                            try ExportRunner.labelled(sink.description) { try sink.sink.write(record) }
                        }
                        return nil
                    } catch {
                        return SendableError(index: index, error: error)
                    }
                }
                outcome.failure = errors.compactMap { $0 }.min { $0.index < $1.index }?.error
            }
            pending = item
            work.async(execute: item)
        }

        do {
            try store.forEachRecord { record in
                batch.append(record)
                if batch.count == batchSize {
                    try send(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { try send(batch) }
            try settle()
        } catch {
            // Every task stops before the sinks are aborted.
            pending?.wait()
            throw error
        }
        let errors = ParallelMap.map(Array(sinks.indices), threads: threads) { [sinks] index -> SendableError? in
            let sink = sinks[index]
            do {
                try sink.finish()
                return nil
            } catch {
                return SendableError(index: index, error: error)
            }
        }
        if let first = errors.compactMap({ $0 }).first { throw first.error }
    }
}

/// The first failure of the batch in flight, set by the thread that ran it and read once it is done.
private final class BatchOutcome: @unchecked Sendable {
    var failure: (any Error)?
}

/// A failure of one sink, carried back from the thread that ran it.
private struct SendableError: @unchecked Sendable {
    let index: Int
    let error: any Error
}
