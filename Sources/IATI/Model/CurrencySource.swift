/// Where a ``MonetaryValue``'s currency came from.
public enum CurrencySource: String, Sendable, Hashable, CaseIterable {
    /// The value's own `currency` attribute.
    case explicit
    /// The activity's `default-currency`.
    case activityDefault
    /// A currency stated for the whole file.
    case fileDefault
    /// No currency anywhere: the value cannot be attributed to a currency.
    case missing
}
