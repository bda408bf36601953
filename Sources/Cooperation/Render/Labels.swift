/// The words of the reports in English and Vietnamese.
struct Labels {
    let language: ReportLanguage

    private static let table: [String: (en: String, vi: String)] = [
        "title": ("Cooperation outputs", "Kết quả hợp tác"),
        "programme": ("Programme", "Chương trình"),
        "period": ("Period", "Giai đoạn"),
        "country": ("Country", "Quốc gia"),
        "framework": ("Framework", "Khung chương trình"),
        "summary": ("Summary", "Tóm tắt"),
        "inputs": ("Input files", "Tệp đầu vào"),
        "activities": ("Activities", "Hoạt động"),
        "activity": ("Activity", "Hoạt động"),
        "priority": ("Priority", "Ưu tiên"),
        "outcome": ("Outcome", "Kết quả"),
        "output": ("Output", "Đầu ra"),
        "funding": ("Funding", "Nguồn vốn"),
        "funding-chart": ("Funding per year", "Nguồn vốn theo năm"),
        "year": ("Year", "Năm"),
        "unknown-year": ("no year", "không rõ năm"),
        "currency": ("Currency", "Tiền tệ"),
        "amount": ("Amount", "Số tiền"),
        "measure": ("Measure", "Loại"),
        "share": ("Share", "Tỷ lệ"),
        "rules": ("Rules", "Quy tắc"),
        "confidence": ("Confidence", "Độ tin cậy"),
        "high": ("high", "cao"),
        "medium": ("medium", "trung bình"),
        "low": ("low", "thấp"),
        "ambiguous-flag": ("ambiguous: equal split", "không rõ ràng: chia đều"),
        "results": ("Results", "Kết quả thực hiện"),
        "indicator": ("Indicator", "Chỉ số"),
        "framework-indicators": ("Programme indicators", "Chỉ số của chương trình"),
        "activity-indicators": ("Indicators reported by activities", "Chỉ số do các hoạt động báo cáo"),
        "unit": ("Unit", "Đơn vị"),
        "baseline": ("Baseline", "Đường cơ sở"),
        "targets": ("Targets", "Mục tiêu"),
        "target": ("Target", "Mục tiêu"),
        "actual": ("Actual", "Thực tế"),
        "progress": ("Progress", "Tiến độ"),
        "period-column": ("Period", "Kỳ"),
        "partners": ("Partners", "Đối tác"),
        "role": ("Role", "Vai trò"),
        "funding-role": ("funding", "tài trợ"),
        "implementing": ("implementing", "thực hiện"),
        "accountable": ("accountable", "chịu trách nhiệm"),
        "extending": ("extending", "chuyển vốn"),
        "locations": ("Places", "Địa bàn"),
        "kind": ("Kind", "Loại"),
        "country-kind": ("country", "quốc gia"),
        "region": ("region", "khu vực"),
        "location": ("location", "địa điểm"),
        "name": ("Name", "Tên"),
        "code": ("Code", "Mã"),
        "unallocated": ("Activities not or not wholly allocated", "Hoạt động chưa được phân bổ hoặc phân bổ chưa hết"),
        "unallocated-totals": ("Unallocated money", "Số tiền chưa phân bổ"),
        "status": ("Status", "Trạng thái"),
        "reason": ("Reason", "Lý do"),
        "candidates": ("Candidates", "Các lựa chọn"),
        "mapped": ("mapped", "đã phân bổ"),
        "partial": ("partly mapped", "phân bổ một phần"),
        "ambiguous": ("ambiguous", "không rõ ràng"),
        "unmapped": ("not mapped", "chưa khớp quy tắc"),
        "out-of-scope": ("out of scope", "ngoài phạm vi"),
        "out-of-scope-list": ("Activities outside the programme's scope", "Hoạt động ngoài phạm vi chương trình"),
        "reconciliation": ("Reconciliation: every amount counted once", "Đối chiếu: mỗi khoản tiền được tính một lần"),
        "input": ("Read", "Đã đọc"),
        "allocated": ("Allocated", "Đã phân bổ"),
        "not-allocated": ("Not allocated", "Chưa phân bổ"),
        "balances": ("Balances", "Khớp"),
        "yes": ("yes", "có"),
        "no": ("no", "không"),
        "unconverted": ("Amounts not converted", "Số tiền chưa quy đổi"),
        "converted-to": ("converted to", "quy đổi sang"),
        "original-currencies": ("in original currencies", "theo nguyên tệ"),
        "none-contribute": ("No activity contributes yet.", "Chưa có hoạt động nào đóng góp."),
        "nothing": ("None.", "Không có."),
        "omitted": ("more not listed", "mục khác không liệt kê"),
        "input-problems": ("Inputs that could not be read: none of their activities is counted", "Tệp đầu vào không đọc được: không hoạt động nào của các tệp này được tính"),
        "generated-at": ("Generated", "Thời điểm tạo"),
        "generator": ("By", "Bởi"),
        "framework-file": ("Framework file", "Tệp khung chương trình"),
        "sha256": ("SHA-256", "SHA-256"),
        "not-counted": ("not counted", "không được tính"),
        "duplicates": ("Activities read more than once: each counted once", "Hoạt động được đọc nhiều lần: mỗi hoạt động chỉ tính một lần"),
        "duplicates-note": ("The version with the latest last-updated date is counted; on equal dates, the one read later.", "Phiên bản có ngày cập nhật gần nhất được tính; nếu cùng ngày, phiên bản được đọc sau."),
        "last-updated": ("Last updated", "Cập nhật lần cuối"),
        "kept": ("Counted", "Được tính"),
        "invalid-amounts": ("Amounts that are not numbers (not counted)", "Số tiền không hợp lệ (không được tính)"),
        "generated": ("Generated by iatix from IATI data.", "Được tạo bởi iatix từ dữ liệu IATI."),
        "budget-series": ("Budget", "Ngân sách"),
        "commitment-series": ("Commitments", "Cam kết"),
        "spent-series": ("Disbursed and spent", "Đã giải ngân và chi tiêu"),
        "chart-note": ("Bars: budget (original), commitments, disbursements plus expenditure.", "Cột: ngân sách (ban đầu), cam kết, giải ngân cộng chi tiêu."),
        "contributing": ("Contributing activities", "Các hoạt động đóng góp"),
        "rule-tier": ("Matched by", "Khớp theo"),
        "line": ("Line", "Dòng"),
        "file": ("File", "Tệp"),
    ]

    private static let measures: [String: (en: String, vi: String)] = [
        Measure.budget: ("Budget (original)", "Ngân sách (ban đầu)"),
        Measure.revisedBudget: ("Budget (revised)", "Ngân sách (điều chỉnh)"),
        Measure.plannedDisbursement: ("Planned disbursement", "Giải ngân theo kế hoạch"),
        "incoming-funds": ("Incoming funds", "Vốn nhận về"),
        "commitment": ("Commitment", "Cam kết chi"),
        "disbursement": ("Disbursement", "Giải ngân"),
        "expenditure": ("Expenditure", "Chi tiêu"),
        "interest-payment": ("Interest payment", "Trả lãi"),
        "loan-repayment": ("Loan repayment", "Trả nợ gốc"),
        "reimbursement": ("Reimbursement", "Hoàn trả"),
        "purchase-of-equity": ("Purchase of equity", "Mua cổ phần"),
        "sale-of-equity": ("Sale of equity", "Bán cổ phần"),
        "credit-guarantee": ("Credit guarantee", "Bảo lãnh tín dụng"),
        "incoming-commitment": ("Incoming commitment", "Cam kết nhận"),
        "outgoing-pledge": ("Outgoing pledge", "Cam kết tài trợ"),
        "incoming-pledge": ("Incoming pledge", "Cam kết tài trợ nhận"),
    ]

    private static let tiers: [RuleTier: (en: String, vi: String)] = [
        .identifier: ("identifier", "mã hoạt động"),
        .tag: ("tag", "thẻ"),
        .resultReference: ("result reference", "mã kết quả"),
        .sector: ("sector", "lĩnh vực"),
        .sdg: ("SDG", "SDG"),
        .organisation: ("organisation or country", "tổ chức hoặc quốc gia"),
        .keyword: ("keywords", "từ khóa"),
    ]

    subscript(_ key: String) -> String {
        guard let entry = Self.table[key] else { return key }
        return language == .en ? entry.en : entry.vi
    }

    func measure(_ key: String) -> String {
        guard let entry = Self.measures[key] else { return key }
        return language == .en ? entry.en : entry.vi
    }

    func tier(_ tier: RuleTier) -> String {
        guard let entry = Self.tiers[tier] else { return tier.name }
        return language == .en ? entry.en : entry.vi
    }

    func level(_ level: FrameworkNode.Level) -> String { self[level.rawValue] }

    func role(_ role: String) -> String {
        role == "funding" ? self["funding-role"] : self[role]
    }

    func locationKind(_ kind: String) -> String {
        kind == "country" ? self["country-kind"] : self[kind]
    }

    /// A number with thousands grouped: `1,234,567.5` in English, `1.234.567,5` in Vietnamese.
    func number(_ text: String) -> String {
        var body = Substring(text)
        var sign = ""
        if body.first == "-" {
            sign = "-"
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts.first.map(String.init) ?? ""
        let (group, point) = language == .en ? (",", ".") : (".", ",")
        var grouped = ""
        for (index, character) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { grouped += group }
            grouped.append(character)
        }
        if parts.count == 2 { grouped += point + parts[1] }
        return sign + grouped
    }
}
