public import Archive

/// A worker's open archive: kept between members, so that the members of one archive, which
/// workers take in order, cost one pass over it per worker (a compressed tar cannot seek).
public final class ArchiveCursor {
    /// A cursor with no archive open.
    public init() {}

    private var reader: ArchiveReader?
    private var position = -1

    /// The content of `member`, moving forward in the open archive when possible and
    /// reopening it otherwise.
    /// - Throws: ``ArchiveError`` when the archive cannot be read up to the member, or no
    ///   longer has it where the listing found it.
    public func open(archive: String, member: ArchiveMember) throws(ArchiveError) -> ArchiveMemberSource {
        if reader?.path != archive || position >= member.index {
            reader = nil
            reader = try ArchiveReader(path: archive)
            position = -1
        }
        guard let reader else { throw ArchiveError(archive: archive, member: member.path, message: "cannot open the archive") }
        do {
            while let next = try reader.nextMember() {
                position = next.index
                if next.index == member.index {
                    guard next.path == member.path else { break }
                    return try reader.contents(of: next)
                }
                if next.index > member.index { break }
            }
        } catch {
            reset()
            throw error
        }
        reset()
        throw ArchiveError(archive: archive, member: member.path, message: "the member is no longer where it was listed: did the archive change during the run?")
    }

    /// Forgets the open archive (after an error).
    public func reset() {
        reader = nil
        position = -1
    }
}
