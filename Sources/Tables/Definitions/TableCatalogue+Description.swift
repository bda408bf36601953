import Foundation
import IATI

extension TableCatalogue {
    /// `docs/tables.md`: every table and column, with its type, meaning and source.
    public static func markdown() -> String {
        var text = """
            # The flat tables

            Made by `iatix flatten` (CSV, JSON Lines, XLSX) and `iatix load` (a database) from the one \
            definition in `Sources/Tables/Definitions/TableCatalogue.swift`; this page is generated \
            from it (`iatix flatten --describe markdown`), and a test keeps the two the same.

            Every table has `iati_identifier` and `activity_index` (the activity's position in the \
            run, unique even where identifiers repeat or are missing). A narrative field `NAME` gives \
            the columns `NAME` (the text in the first `--lang` language there is, as `NAME_<lang>` \
            has it, else the first narrative) and `NAME_<lang>` per language (a language's \
            narratives joined by line breaks). A converted amount gives `value_<c>`, \
            `rate_<c>` and `rate_date_<c>` per `--currency`. Types: `code` is text that must stay \
            text (leading zeros), `decimal` an exact number, `date` `YYYY-MM-DD`.

            ## Rules

            - **Splits** (`transaction_splits`, `budget_splits`): an amount is shared by recipient \
            country or region × sector. The transaction's own country, region or sectors win over \
            the activity's (a transaction that gives both a country and a region, which the \
            standard does not allow, is split by its country, and `split_note` says so). Regions \
            of one vocabulary are used (1 when given, else the first), \
            together with the countries. Sectors of one vocabulary per row set: 1 (OECD DAC \
            5-digit), else 2 (3-digit) where only that is given, or each `--sector-vocabulary`. \
            Percentages that are missing, negative or do not add up to 100 are completed or \
            rescaled, and `split_note` says how. Each row's `value_split` is the amount × `share`, \
            rounded to the amount's decimal places (at least 2); the row with the largest share \
            (the first of equals) takes the rounding remainder, so the rows of one amount and one \
            vocabulary add up to it exactly. A transaction with no country or region keeps a row \
            with both empty (`geography_level` none).
            - **Budgets by quarter**: a budget's period is cut at calendar quarters and each piece \
            gets the budget × its days ÷ the period's days. An original budget (type 1) with a \
            revised budget (type 2) of the same period is left out of `budget_splits` \
            (`replaced` in `budgets`).
            - **Currencies**: with `--rates` (IMF monthly layout `Date,Rate,Currency,Frequency,Source`, \
            rate = units per US dollar) an amount converts through the dollar with the rate of its \
            value date's month, else the nearest rate in time (the earlier on a tie); `rate_date_<c>` \
            says which: the date of the amount's currency's rate (of the target's when the amount is \
            in dollars; between two currencies other than the dollar the target's rate, picked by the \
            same rule, may be of another month). Amounts converted with a rate of another month than \
            their value date's, of either currency, are counted on standard error. The value date is \
            `value/@value-date`, else the transaction date (the period start for budgets and planned \
            disbursements). An amount with no usable rate is left \
            empty and counted, never 0; so is an amount that is missing or not a number, whose \
            split rows say so in `split_note`.
            - **Differences from iatiflattener** (checked in a test against its expected rows): every \
            transaction type is kept (not only 1–4); transactions without a country keep a row; \
            sectors of vocabulary 2 are used where no vocabulary 1 is given; budgets are cut by days \
            into calendar quarters; values are exact decimals rounded to the cent with the remainder \
            kept, not floating point.


            """
        for table in all {
            text += "## `\(table.name)`\n\n\(table.meaning.prefix(1).uppercased() + table.meaning.dropFirst()).\n\n"
            text += "Key: \(table.key.map { "`\($0)`" }.joined(separator: ", "))"
            if let parent = table.parent { text += "; belongs to a row of `\(parent)`" }
            text += ".\n\n| column | type | meaning | source |\n| --- | --- | --- | --- |\n"
            for column in table.expand(languages: ["<lang>"], currencies: ["<C>"]) {
                let meaning = column.meaning.replacingOccurrences(of: "|", with: "\\|")
                text += "| `\(column.name)` | \(column.type.rawValue) | \(meaning) | `\(column.source)` |\n"
            }
            text += "\n"
        }
        return text
    }

    /// `schemas/tables.json`: the definitions as data, for programs (the database load reads the same).
    public static func jsonDescription() -> String {
        func column(_ column: Column) -> JSONValue {
            .object([
                ("kind", .string("column")), ("name", .string(column.name)), ("type", .string(column.type.rawValue)),
                ("meaning", .string(column.meaning)), ("source", .string(column.source)),
            ])
        }
        let tables = all.map { table -> JSONValue in
            let fields = table.fields.map { field -> JSONValue in
                switch field {
                case .column(let value): return column(value)
                case .narrative(let name, let meaning, let source):
                    return .object([("kind", .string("narrative")), ("name", .string(name)), ("meaning", .string(meaning)), ("source", .string(source))])
                case .converted(let amount):
                    return .object([("kind", .string("converted")), ("amount", .string(amount))])
                }
            }
            return .object([
                ("name", .string(table.name)), ("meaning", .string(table.meaning)), ("key", .array(table.key.map(JSONValue.string))),
                ("parent", table.parent.map(JSONValue.string) ?? .null), ("fields", .array(fields)),
            ])
        }
        var text = ""
        JSONText.appendPretty(.object([("tables", .array(tables))]), to: &text)
        return text + "\n"
    }
}
