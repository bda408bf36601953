import IATI
import Inputs
import LibXML

/// How `iatix outputs` reads its inputs: twice, so that an activity sent more than once is
/// counted once while memory stays bounded by the largest activity (and a few facts per
/// activity), never by the files.
///
/// 1. ``list(_:cursor:)`` reads each document to its end and lists its activities'
///    identifiers and dates in the ``ActivitySelection``. All or nothing: a document that fails
///    part-way lists nothing and is kept as an input problem.
/// 2. ``aggregate(into:cursor:)`` reads each listed document again and adds the versions the
///    selection counts. A document whose bytes changed in between stops the run.
///
/// Standard input, pipes and devices cannot be read twice: their decoded activities are held
/// from the first reading (memory then grows with their activities).
struct InputPasses {
    private struct Listed {
        var document: InputDocument
        /// The position of its first activity in the selection.
        var first: Int
        var digest: String
        /// Its decoded activities, for standard input, pipes and devices.
        var held: [Activity]?
    }

    /// Every input, in the order read, with its checksum.
    private(set) var inputs: [InputFile] = []
    private(set) var problems: [InputProblem] = []
    private(set) var selection = ActivitySelection()
    /// Activities read so far, from every document (counted or not).
    private(set) var activitiesRead = 0
    private var listed: [Listed] = []

    /// First reading of `document`.
    mutating func list(_ document: InputDocument, cursor: ArchiveCursor) {
        let file = document.displayName
        let holds = !document.canBeReadAgain
        let listing = VersionListing(file: file, holdsActivities: holds)
        do {
            let digest = try document.read(into: listing, cursor: cursor)
            listed.append(Listed(document: document, first: selection.count, digest: digest, held: holds ? listing.activities : nil))
            selection.add(listing.versions, file: file)
            inputs.append(InputFile(name: file, sha256: digest, activities: listing.versions.count, counted: true))
        } catch {
            cursor.reset()
            let xmlError = error as? XMLError
            problems.append(InputProblem(file: file, line: xmlError?.line ?? 0, message: xmlError?.message ?? "\(error)"))
            inputs.append(InputFile(name: file, sha256: nil, activities: listing.versions.count, counted: false))
        }
        activitiesRead += listing.versions.count
    }

    /// Lists an input that could not be opened or listed.
    mutating func addProblem(_ input: UnreadableInput) {
        let name = input.member.map { "\(input.path)/\($0)" } ?? input.path
        problems.append(InputProblem(file: name, line: 0, message: input.message))
        inputs.append(InputFile(name: name, sha256: nil, activities: 0, counted: false))
    }

    /// Second reading: adds the counted activities of every listed document to `aggregator`,
    /// and the input problems.
    /// - Throws: ``OutputsError/nothingRead(_:)`` when no document was listed;
    ///   ``OutputsError/inputChanged(file:reason:)`` when one cannot be read the same way again.
    func aggregate(into aggregator: inout OutputsAggregator, cursor: ArchiveCursor) throws(OutputsError) {
        guard !listed.isEmpty else { throw .nothingRead(problems) }
        let writer = AggregatingWriter(aggregator, selection: selection)
        for entry in listed {
            let file = entry.document.displayName
            if let held = entry.held {
                writer.add(held, from: entry.first, file: file)
                continue
            }
            let digest: String
            do {
                digest = try writer.read(entry.document, from: entry.first, cursor: cursor)
            } catch {
                cursor.reset()
                throw .inputChanged(file: file, reason: (error as? XMLError)?.message ?? "\(error)")
            }
            if digest != entry.digest { throw .inputChanged(file: file, reason: "its SHA-256 is not the same") }
        }
        aggregator = writer.aggregator
        for problem in problems { aggregator.addProblem(file: problem.file, line: problem.line, message: problem.message) }
    }
}
