internal import CLibXML2

/// The entity `name` as both readers' `getEntity` handlers give it to libxml2: internal
/// entities only. An external entity is never loaded (it would read local files or the
/// network); it is reported once per reference as a warning (``XMLError/externalNotLoaded``),
/// so that the text it would have brought is not lost silently.
func internalEntity(_ parser: xmlParserCtxtPtr, _ name: UnsafePointer<xmlChar>?, errors: ErrorSink?) -> xmlEntityPtr? {
    guard let entity = xmlSAX2GetEntity(parser, name) else { return nil }
    let type = entity.pointee.etype
    if type == XML_INTERNAL_GENERAL_ENTITY || type == XML_INTERNAL_PREDEFINED_ENTITY { return entity }
    let system = swiftString(entity.pointee.SystemID).map { " (\"\($0)\")" } ?? ""
    errors?.notLoaded(
        parser, key: "&" + (swiftString(name) ?? ""),
        message: "the external entity &\(swiftString(name) ?? "");\(system) was not loaded: iatix does not read the files or web addresses a document points to, so its text is missing here; write the text into the file instead")
    return nil
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
