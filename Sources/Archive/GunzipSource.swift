internal import CLibArchive
public import LibXML

/// A gzip-compressed stream, such as an `.xml.gz` member inside a zip or tar archive,
/// decompressed as it is read (libarchive's gzip filter over its `raw` format). Input that is
/// not gzip-compressed passes through unchanged.
///
/// Owns its libarchive handle, freed in `deinit`. Not `Sendable`.
public final class GunzipSource: ByteSource {
    private let handle: OpaquePointer
    private let feed: Feed
    private let name: String

    /// Wraps `compressed`; `name` labels errors.
    /// - Throws: ``ArchiveError`` when the stream cannot be opened.
    public init(_ compressed: any ByteSource, name: String) throws(ArchiveError) {
        guard let handle = archive_read_new() else {
            throw ArchiveError(archive: name, message: "cannot create a decompressor (out of memory?)")
        }
        archive_read_support_filter_gzip(handle)
        archive_read_support_format_raw(handle)
        let feed = Feed(compressed)
        var status = archive_read_open(handle, Unmanaged.passUnretained(feed).toOpaque(), nil, { _, context, buffer in
            guard let context, let buffer else { return -1 }
            return Unmanaged<Feed>.fromOpaque(context).takeUnretainedValue().next(into: buffer)
        }, nil)
        if status == ARCHIVE_OK {
            var entry: OpaquePointer?
            status = archive_read_next_header(handle, &entry)
        }
        guard status == ARCHIVE_OK || status == ARCHIVE_WARN else {
            let message = feed.failure.map { "\($0)" } ?? archive_error_string(handle).map { String(cString: $0) } ?? "cannot decompress"
            archive_read_free(handle)
            throw ArchiveError(archive: name, message: message)
        }
        self.handle = handle
        self.feed = feed
        self.name = name
    }

    deinit {
        archive_read_free(handle)
    }

    /// Fills `buffer` with decompressed bytes; 0 at the end.
    /// - Throws: the compressed source's error, or ``ArchiveError`` for corrupt data.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = archive_read_data(handle, base, buffer.count)
            if count >= 0 { return count }
            if Int32(count) == ARCHIVE_RETRY { continue }
            if let failure = feed.failure { throw failure }
            let message = archive_error_string(handle).map { String(cString: $0) } ?? "corrupt compressed data"
            throw ArchiveError(archive: name, message: message)
        }
    }
}

/// Hands libarchive the compressed bytes, one buffer at a time (its read callback).
private final class Feed {
    private let source: any ByteSource
    private let buffer: UnsafeMutableRawBufferPointer
    /// The source's error, kept for the caller (libarchive only sees -1).
    var failure: (any Error)?

    init(_ source: any ByteSource) {
        self.source = source
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
    }

    deinit {
        buffer.deallocate()
    }

    func next(into pointer: UnsafeMutablePointer<UnsafeRawPointer?>) -> Int {
        do {
            let count = try source.read(into: buffer)
            pointer.pointee = UnsafeRawPointer(buffer.baseAddress)
            return count
        } catch {
            failure = error
            return -1
        }
    }
}
