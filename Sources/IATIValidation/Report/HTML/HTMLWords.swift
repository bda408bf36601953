import IATI

/// The words of the HTML validation report, in English and Vietnamese.
struct HTMLWords {
    let language: ReportLanguage

    private func pick(_ en: String, _ vi: String) -> String { language == .vi ? vi : en }

    var title: String { pick("IATI validation report", "Báo cáo kiểm tra dữ liệu IATI") }
    var generated: String { pick("Made by", "Tạo bởi") }
    var summary: String { pick("Summary", "Tóm tắt") }
    var file: String { pick("File", "Tệp") }
    var type: String { pick("Kind", "Loại") }
    var records: String { pick("Activities", "Hoạt động") }
    var verdict: String { pick("Verdict", "Kết luận") }
    var valid: String { pick("valid: no critical finding", "hợp lệ: không có lỗi nghiêm trọng") }
    var invalid: String { pick("not valid: critical findings", "không hợp lệ: có lỗi nghiêm trọng") }
    var notIATI: String { pick("not an IATI file", "không phải tệp IATI") }
    var fileLevel: String { pick("The file as a whole", "Toàn bộ tệp") }
    var activity: String { pick("Activity", "Hoạt động") }
    var line: String { pick("line", "dòng") }
    var column: String { pick("column", "cột") }
    var rule: String { pick("rule", "quy tắc") }
    var noFindings: String { pick("No findings.", "Không có phát hiện nào.") }
    var total: String { pick("Total", "Tổng cộng") }

    /// "N more findings not shown".
    func notShown(_ count: Int) -> String {
        pick("\(count) more findings of this file are not shown here; the text, JSON or SARIF report lists them all.",
             "Còn \(count) phát hiện khác của tệp này không hiển thị ở đây; báo cáo dạng văn bản, JSON hoặc SARIF liệt kê đầy đủ.")
    }

    func severity(_ severity: Severity) -> String {
        switch severity {
        case .critical: pick("Critical", "Nghiêm trọng")
        case .error: pick("Errors", "Lỗi")
        case .warning: pick("Warnings", "Cảnh báo")
        case .info: pick("Information", "Thông tin")
        }
    }

    /// A severity as one finding's badge.
    func badge(_ severity: Severity) -> String {
        switch severity {
        case .critical: pick("critical", "nghiêm trọng")
        case .error: pick("error", "lỗi")
        case .warning: pick("warning", "cảnh báo")
        case .info: pick("info", "thông tin")
        }
    }

    /// Numbers as people read them: 1,234 in English, 1.234 in Vietnamese.
    func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += language == .vi ? "." : "," }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }
}
