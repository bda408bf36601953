import LibXML

extension Finding {
    /// The finding with the text it quotes (message, context, record, the values of its rule
    /// details) in composed Unicode
    /// (NFC), as `convert` writes it; see ``UnicodeForm``.
    func composed() -> Finding {
        var finding = self
        finding.message = UnicodeForm.composed(message)
        finding.context = context.map(UnicodeForm.composed)
        finding.record = record.map(UnicodeForm.composed)
        if var details = ruleDetails {
            for index in details.nodes.indices { details.nodes[index].value = UnicodeForm.composed(details.nodes[index].value) }
            finding.ruleDetails = details
        }
        return finding
    }
}

extension RecordInfo {
    /// The entry with its identifier and title in composed Unicode (NFC).
    func composed() -> RecordInfo {
        RecordInfo(identifier: UnicodeForm.composed(identifier), title: title.map(UnicodeForm.composed), line: line)
    }
}
