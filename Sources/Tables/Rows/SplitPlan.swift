import Foundation
import IATI

/// How one amount (a transaction or a budget) is split: recipient country or region × sector,
/// for one sector vocabulary.
///
/// - Geography: the transaction's own recipient country or region when it states one (the
///   country when it states both, which the standard does not allow, said in the note), else the
///   activity's recipient countries together with its recipient regions of one vocabulary (1,
///   OECD DAC, when given, else the first given), their percentages taken together; else one
///   row with neither.
/// - Sectors: the transaction's own sectors of the vocabulary when it states any, else the
///   activity's; else one row with no sector.
/// - Shares: see ``Shares``; the row's share is the geography share × the sector share.
///
/// A plan has a row per place × sector, place by place.
struct SplitPlan: Sendable, Hashable {
    struct Place: Sendable, Hashable {
        var country: String?
        var regionVocabulary: String?
        var region: String?
    }

    var geography: Geography
    var sectors: SectorChoice
    /// One per row, place by place and within a place sector by sector (``Shares/places``
    /// decimal places): the place's share × the sector's.
    var shares: [FixedDecimal]
    var note: String?

    init(places: Geography, sectors: SectorChoice) {
        geography = places
        self.sectors = sectors
        let sectorShares = sectors.shares.fractions.map(Shares.fixed)
        shares = []
        shares.reserveCapacity(places.places.count * sectorShares.count)
        for placeShare in places.shares.fractions.map(Shares.fixed) {
            for sectorShare in sectorShares { shares.append(Shares.product(placeShare, sectorShare)) }
        }
        let notes = [places.note, places.shares.note, sectors.shares.note, sectors.note].compactMap { $0 }
        note = notes.isEmpty ? nil : notes.joined(separator: "; ")
    }

    /// The cells from `country_code` to `geography_level` of each place, as the split tables
    /// have them.
    var placeCells: [[Cell]] {
        geography.places.map { place in
            [.optional(place.country), .optional(place.regionVocabulary), .optional(place.region), .text(geography.level)]
        }
    }

    /// The cells from `sector_vocabulary` to `sector_level` of each sector.
    var sectorCells: [[Cell]] {
        sectors.codes.map { code in [.text(sectors.vocabulary), .optional(code), .text(sectors.level)] }
    }
}

/// The places an amount goes to, with their shares.
struct Geography: Sendable, Hashable {
    var places: [SplitPlan.Place]
    var shares: Shares
    /// `transaction`, `activity` or `none`.
    var level: String
    /// Said in `split_note`: a place of the transaction left out.
    var note: String?

    /// The transaction's own country or region, else the activity's.
    init(transaction: Transaction?, activity: Activity) {
        if let country = transaction?.recipientCountry {
            self.init(places: [.init(country: country.code)], percentages: [nil], level: "transaction")
            if let region = transaction?.recipientRegion {
                // The standard allows a transaction one of the two.
                note = "the transaction gives a country (\(country.code ?? "")) and a region (\(region.code ?? "")): the country is used"
            }
        } else if let region = transaction?.recipientRegion {
            self.init(places: [.init(regionVocabulary: region.vocabulary ?? "1", region: region.code)], percentages: [nil], level: "transaction")
        } else {
            // Each read of the activity's countries or regions finds them in the record again:
            // read once.
            let countries = activity.recipientCountries
            let allRegions = activity.recipientRegions
            let vocabularies = allRegions.map { $0.vocabulary ?? "1" }
            let vocabulary = vocabularies.contains("1") ? "1" : vocabularies.first
            let regions = zip(allRegions, vocabularies).filter { $0.1 == vocabulary }.map(\.0)
            let places = countries.map { SplitPlan.Place(country: $0.code) }
                + regions.map { SplitPlan.Place(regionVocabulary: $0.vocabulary ?? "1", region: $0.code) }
            if places.isEmpty {
                self.init(places: [.init()], percentages: [nil], level: "none")
            } else {
                let percentages = countries.map(\.percentage) + regions.map(\.percentage)
                self.init(places: places, percentages: percentages, level: "activity")
            }
        }
    }

    private init(places: [SplitPlan.Place], percentages: [DecimalValue?], level: String) {
        self.places = places
        self.shares = Shares(percentages: percentages, of: "country/region")
        self.level = level
    }
}

/// The sectors of one vocabulary an amount is split by, with their shares.
struct SectorChoice: Sendable, Hashable {
    var vocabulary: String
    var codes: [String?]
    var shares: Shares
    /// `transaction`, `activity` or `none`.
    var level: String
    var note: String?

    /// The vocabulary the split uses when none is asked for: 1 (OECD DAC 5-digit) when the
    /// sectors in force (`sectors`) give it, else 2 (3-digit) when they give that, else 1.
    static func defaultVocabulary(of sectors: [Sector]) -> String {
        let vocabularies = Set(sectors.map(\.effectiveVocabulary))
        return vocabularies.contains("1") || !vocabularies.contains("2") ? "1" : "2"
    }

    /// The sectors of `vocabulary` among `own` (a transaction's), else among the activity's.
    init(vocabulary: String, own: [Sector], activitySectors: [Sector]) {
        self.vocabulary = vocabulary
        let own = own.filter { $0.effectiveVocabulary == vocabulary }
        let (sectors, level): ([Sector], String)
        if !own.isEmpty {
            (sectors, level) = (own, "transaction")
        } else {
            let activityLevel = activitySectors.filter { $0.effectiveVocabulary == vocabulary }
            (sectors, level) = (activityLevel, activityLevel.isEmpty ? "none" : "activity")
        }
        if sectors.isEmpty {
            codes = [nil]
            shares = Shares(percentages: [nil], of: "sector")
            note = "no sector of vocabulary \(vocabulary)"
        } else {
            codes = sectors.map(\.code)
            // A transaction's sector carries no percentage: its money is all in that sector.
            shares = Shares(percentages: level == "transaction" ? sectors.map { _ in nil } : sectors.map(\.percentage), of: "sector")
        }
        self.level = level
    }
}

/// The split by the activity's own geography and sectors, made once per sector vocabulary
/// when first needed: every budget of the activity, and every transaction with neither its own
/// country or region nor its own sectors, is split by it. With each plan, its rows' place and
/// sector cells, laid out once.
final class ActivitySplits {
    /// A plan with its places' and sectors' cells, each laid out once, and its rows' shares
    /// (a reference: rows are made from it without copying it).
    final class Planned {
        let plan: SplitPlan
        let shares: [FixedDecimal]
        /// Held by this plan (released in `deinit`): its rows take them unretained.
        private let places: [Unmanaged<RowBuilder.Piece>]
        private let sectors: [Unmanaged<RowBuilder.Piece>]

        init(_ plan: SplitPlan) {
            self.plan = plan
            places = plan.placeCells.map { Unmanaged.passRetained(RowBuilder.Piece($0)) }
            sectors = plan.sectorCells.map { Unmanaged.passRetained(RowBuilder.Piece($0)) }
            shares = plan.shares
        }

        deinit {
            for piece in places + sectors { piece.release() }
        }

        /// Appends row `row`'s cells from `country_code` to `sector_level`.
        func appendPlace(ofRow row: Int, to builder: RowBuilder) {
            builder.append(places[row / sectors.count])
            builder.append(sectors[row % sectors.count])
        }
    }

    private let activity: Activity
    /// Made when first asked for: the thread that makes no money tables never needs them.
    private(set) lazy var geography = Geography(transaction: nil, activity: activity)
    /// The activity's own sectors, decoded once for all its amounts.
    private(set) lazy var activitySectors = activity.sectors
    /// The vocabulary an amount without sectors of its own is split by, when none is asked for.
    private(set) lazy var defaultVocabulary = SectorChoice.defaultVocabulary(of: activitySectors)
    private var sectors: [String: SectorChoice] = [:]
    private var plans: [String: Planned] = [:]

    init(activity: Activity) {
        self.activity = activity
    }

    /// The activity's sectors of `vocabulary`.
    func sectors(_ vocabulary: String) -> SectorChoice {
        if let choice = sectors[vocabulary] { return choice }
        let choice = SectorChoice(vocabulary: vocabulary, own: [], activitySectors: activitySectors)
        sectors[vocabulary] = choice
        return choice
    }

    /// The split by the activity's geography and sectors of `vocabulary`, with each row's cells.
    func plan(_ vocabulary: String) -> Planned {
        if let plan = plans[vocabulary] { return plan }
        let made = Planned(SplitPlan(places: geography, sectors: sectors(vocabulary)))
        plans[vocabulary] = made
        return made
    }
}
