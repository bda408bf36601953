internal import CLibXML2

/// The entity `name` as both readers' `getEntity` handlers give it to libxml2: internal
/// entities only. An external entity is never loaded (it would read local files or the
/// network); it is reported once per reference as a warning (``XMLError/externalNotLoaded``),
/// so that the text it would have brought is not lost silently.
func internalEntity(_ parser: xmlParserCtxtPtr, _ name: UnsafePointer<xmlChar>?, errors: ErrorSink?) -> xmlEntityPtr? {
    guard let entity = xmlSAX2GetEntity(parser, name) else { return nil }
    let type = entity.pointee.etype
    if type == XML_INTERNAL_GENERAL_ENTITY || type == XML_INTERNAL_PREDEFINED_ENTITY { return entity }
    errors?.notLoaded(
        parser, key: "&" + (swiftString(name) ?? ""),
        message: "the external entity &\(swiftString(name) ?? "");\(systemID(of: entity)) was not loaded: iatix does not read the files or web addresses a document points to, so its text is missing here; write the text into the file instead")
    return nil
}

/// The parameter entity `name` as both readers' `getParameterEntity` handlers give it: an
/// external one is never loaded (libxml2 skips it without DTD loading), and each reference to
/// it is reported once as a warning, as for general entities.
func parameterEntity(_ parser: xmlParserCtxtPtr, _ name: UnsafePointer<xmlChar>?, errors: ErrorSink?) -> xmlEntityPtr? {
    guard let entity = xmlSAX2GetParameterEntity(parser, name) else { return nil }
    guard entity.pointee.etype == XML_EXTERNAL_PARAMETER_ENTITY else { return entity }
    errors?.notLoaded(
        parser, key: "%" + (swiftString(name) ?? ""),
        message: "the external parameter entity %\(swiftString(name) ?? "");\(systemID(of: entity)) was not loaded: iatix does not read the files or web addresses a document points to; declarations it holds do not apply (IATI files need no DTD)")
    return entity
}

/// ` ("SYSTEM-ID")` of an external entity, for messages; empty without one.
private func systemID(of entity: xmlEntityPtr) -> String {
    swiftString(entity.pointee.SystemID).map { " (\"\($0)\")" } ?? ""
}

extension ErrorSink {
    /// Reports a DTD (external subset) that was not loaded.
    func externalSubsetNotLoaded(_ parser: xmlParserCtxtPtr, name: UnsafePointer<xmlChar>?, systemID: UnsafePointer<xmlChar>?) {
        guard let systemID = swiftString(systemID) else { return }
        notLoaded(
            parser, key: "!DOCTYPE",
            message: "the DTD \"\(systemID)\" named by <!DOCTYPE \(swiftString(name) ?? "")> was not loaded: iatix does not read the files or web addresses a document points to; defaults or entities it declares do not apply (IATI files need no DTD: the line can go)")
    }

    /// A warning that something external was not loaded, once per `key` and line.
    func notLoaded(_ parser: xmlParserCtxtPtr, key: String, message: String) {
        let line = Int(parser.pointee.input?.pointee.line ?? 0)
        guard refused.insert("\(line) \(key)").inserted else { return }
        pendingWarning(XMLError(level: .warning, code: XMLError.externalNotLoaded, file: file, line: line, message: message))
    }
}

/// The most bytes of text internal entity references may add to a document: 1 MiB, plus five
/// times the input read so far. IATI files need no entities; a small file that references a
/// large entity thousands of times (quadratic blow-up) would otherwise make gigabytes of text
/// (libxml2's own guard counts only entities nested in entities).
private func expansionLimit(_ parser: xmlParserCtxtPtr) -> Int {
    var consumed = 0
    if let input = parser.pointee.input {
        consumed = Int(input.pointee.consumed)
        if let current = input.pointee.cur, let base = input.pointee.base { consumed += current - base }
    }
    return (1 << 20) + 5 * consumed
}

extension ErrorSink {
    /// Counts the text a reference to the internal entity `entity` adds; once the document's
    /// references add more than ``expansionLimit(_:)``, stops the parse with a fatal error at
    /// the reference and returns `false`.
    func allowsExpansion(_ parser: xmlParserCtxtPtr, of entity: xmlEntityPtr) -> Bool {
        expanded += Int(entity.pointee.length)
        guard expanded > expansionLimit(parser) else { return true }
        pendingWarning(XMLError(
            level: .fatal, code: Int(XML_ERR_ENTITY_LOOP.rawValue), file: file, line: Int(parser.pointee.input?.pointee.line ?? 0),
            column: Int(parser.pointee.input?.pointee.col ?? 0),
            message: "the document's entity references add \(expanded) bytes of text, more than five times what was read of it: refused as an entity expansion attack; write the text into the file itself (IATI files need no entities)"))
        xmlStopParser(parser)
        return false
    }
}
