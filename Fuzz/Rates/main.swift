import Cooperation
import FuzzSupport
import IATI
import Rates

/// Any bytes read as a rates file, in both layouts; rates that load convert an amount without
/// trapping.
@_cdecl("LLVMFuzzerTestOneInput")
func test(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: FuzzIO.bytes(data, size), as: UTF8.self)
    if let monthly = try? MonthlyRates.parse(csv: text, file: "rates.csv") {
        for currency in monthly.currencies {
            _ = monthly.conversion(of: currency, to: "USD", on: IATIDate(text: "2024-06-15"))
        }
    }
    if let rates = try? ExchangeRates.parse(csv: text, file: "rates.csv", target: "USD") {
        _ = rates.rate(for: "VND", on: IATIDate(text: "2024-06-15"))
    }
    return 0
}

FuzzIO.run(test)
