import IATI
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
        "grand-total": ("Total, all priorities", "Tổng cộng, mọi ưu tiên"),
        "totals": ("Totals of all priorities", "Tổng cộng của mọi ưu tiên"),
        "conversions": ("Single-currency view: every amount converted", "Quy đổi sang một loại tiền: từng khoản"),
        "conversions-note": ("Each amount is divided by the rate (units of its currency per unit of the target currency) of the date shown.", "Mỗi khoản được chia cho tỷ giá (số đơn vị nguyên tệ cho một đơn vị tiền quy đổi) của ngày ghi bên cạnh."),
        "rate": ("Rate", "Tỷ giá"),
        "rate-date": ("Rate date", "Ngày tỷ giá"),
        "converted": ("Converted", "Đã quy đổi"),
        "no-rate-needed": ("same currency", "cùng loại tiền"),
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

    /// Column headers of the CSV and XLSX tables: the English header is the key itself
    /// (machine-friendly, as before), the Vietnamese one words.
    private static let headers: [String: String] = [
        "level": "cấp", "code": "mã", "measure": "loại", "year": "năm", "currency": "tiền tệ", "amount": "số tiền",
        "unconverted_count": "số khoản chưa quy đổi", "target": "mục tiêu", "activity": "hoạt động", "title": "tên hoạt động",
        "reporting_org": "tổ chức báo cáo", "share": "tỷ lệ", "scope_share": "tỷ lệ trong phạm vi", "rules": "quy tắc",
        "tier": "khớp theo", "confidence": "độ tin cậy", "ambiguous": "không rõ ràng", "file": "tệp",
        "framework_indicator": "chỉ số chương trình", "result": "kết quả", "indicator": "chỉ số", "ascending": "tăng dần",
        "baseline_year": "năm cơ sở", "baseline_value": "giá trị cơ sở", "period_start": "bắt đầu kỳ", "period_end": "kết thúc kỳ",
        "actual": "thực tế", "progress_percent": "tiến độ (%)", "role": "vai trò", "ref": "mã tổ chức", "name": "tên",
        "activities": "số hoạt động", "kind": "loại địa bàn", "location_code": "mã địa bàn", "point": "tọa độ",
        "status": "trạng thái", "reason": "lý do", "candidates": "các lựa chọn", "unallocated_share": "tỷ lệ chưa phân bổ",
        "line": "dòng", "value_date": "ngày giá trị", "input": "đã đọc", "allocated": "đã phân bổ", "unallocated": "chưa phân bổ",
        "balances": "khớp", "sha256": "sha256", "counted": "được tính", "last_updated": "cập nhật lần cuối", "kept": "được giữ",
        "converted": "đã quy đổi", "rate": "tỷ giá", "rate_date": "ngày tỷ giá", "converted_currency": "tiền tệ quy đổi",
        "converted_amount": "số tiền quy đổi",
    ]

    /// Names of the tables: the English name is the CSV file's (without `.csv`), the
    /// Vietnamese one an XLSX sheet name (at most 31 characters).
    private static let tableNames: [String: String] = [
        "funding": "Nguồn vốn", "converted": "Nguồn vốn quy đổi", "contributions": "Đóng góp", "indicators": "Chỉ số",
        "partners": "Đối tác", "locations": "Địa bàn", "unallocated": "Chưa phân bổ", "unallocated-totals": "Tổng chưa phân bổ",
        "totals": "Tổng cộng", "conversions": "Quy đổi từng khoản", "unconverted": "Chưa quy đổi", "reconciliation": "Đối chiếu",
        "inputs": "Tệp đầu vào", "duplicates": "Trùng lặp",
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

    /// A table column's header (see ``headers``).
    func header(_ key: String) -> String {
        language == .en ? key : Self.headers[key] ?? key
    }

    /// A table's name: its file name in English, its sheet name in Vietnamese.
    func tableName(_ key: String) -> String {
        language == .en ? key : Self.tableNames[key] ?? key
    }

    func level(_ level: FrameworkNode.Level) -> String { self[level.rawValue] }

    func role(_ role: String) -> String {
        role == "funding" ? self["funding-role"] : self[role]
    }

    func locationKind(_ kind: String) -> String {
        kind == "country" ? self["country-kind"] : self[kind]
    }

    /// A date or date-time starting `YYYY-MM-DD`: as written in English, `DD/MM/YYYY` (the rest
    /// after a space, `T` and `Z` dropped: `31/12/2025 08:30:00 UTC`) in Vietnamese.
    func date(_ text: String) -> String {
        guard language == .vi, text.count >= 10 else { return text }
        let parts = text.prefix(10).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return text }
        var time = text.dropFirst(10)
        if time.first == "T" { time = time.dropFirst() }
        let utc = time.hasSuffix("Z")
        if utc { time = time.dropLast() }
        let day = "\(parts[2])/\(parts[1])/\(parts[0])"
        return time.isEmpty ? day : "\(day) \(time)\(utc ? " UTC" : "")"
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
