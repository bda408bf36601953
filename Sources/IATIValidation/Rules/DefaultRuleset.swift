/// The project's own default ruleset, run by `iatix validate` when no `--rules` file is given.
///
/// It implements the checks the IATI Validator's data quality rules define in a ruleset
/// (identifiers, dates and their order, dates in the future, percentage sums, budget periods,
/// transactions, results and indicators), each case carrying the official rule id and severity
/// and a message saying what is wrong and what to do. It is written in the IATI Rulesets JSON
/// format, so `--rules FILE` can replace it with any other ruleset.
public enum DefaultRuleset {
    /// The name findings and errors give the default ruleset.
    public static let name = "iatix default rules"

    /// The default ruleset, parsed and checked.
    /// - Throws: ``RulesetError`` if the built-in JSON is faulty (a bug; the tests load it).
    public static func load() throws(RulesetError) -> Ruleset {
        try Ruleset(json: Array(json.utf8), name: name)
    }

    /// The ruleset text (IATI Rulesets JSON). Within each rule, cases are ordered by rule id.
    static let json = #"""
{
  "/iati-activities/iati-activity": {
    "startsWith": {
      "cases": [
        {
          "paths": ["iati-identifier"],
          "prefix": ["reporting-org/@ref", "other-identifier[@type='B1']/@ref"],
          "ruleInfo": {"id": "1.1.1", "severity": "warning", "category": "identifiers",
            "message": "The activity identifier does not begin with the reporting organisation's identifier (or a previous one given as other-identifier type B1); prefix it with that identifier."}
        },
        {
          "condition": "not(/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02')",
          "paths": ["iati-identifier"],
          "prefix": ["reporting-org/@ref", "other-identifier[@type='B1']/@ref"],
          "separator": "-",
          "ruleInfo": {"id": "1.1.21", "severity": "warning", "category": "identifiers",
            "message": "The activity identifier is not the reporting organisation's identifier, a hyphen, then the activity's own code; use the form ORG-ID-code."}
        },
        {
          "paths": ["iati-identifier"],
          "prefix": ["ORG-ID-PREFIX"],
          "idCondition": "NOT_EXISTING_ORG_ID_PREFIX",
          "ruleInfo": {"id": "1.3.8", "severity": "warning", "category": "identifiers",
            "message": "The activity identifier does not start with a known registration agency code; start it with a valid organisation identifier."}
        },
        {
          "paths": ["other-identifier[@type='A3']/@ref"],
          "prefix": ["ORG-ID-PREFIX"],
          "idCondition": "NOT_EXISTING_ORG_ID",
          "ruleInfo": {"id": "1.6.8", "severity": "warning", "category": "identifiers",
            "message": "This other-identifier (type A3) does not start with a known registration agency code; use a valid organisation identifier."}
        },
        {
          "paths": ["related-activity/@ref"],
          "prefix": ["ORG-ID-PREFIX"],
          "idCondition": "NOT_EXISTING_ORG_ID_PREFIX",
          "ruleInfo": {"id": "1.7.8", "severity": "warning", "category": "relations",
            "message": "The related activity's identifier does not start with a known registration agency code; check the reference."}
        },
        {
          "paths": ["reporting-org/@ref"],
          "prefix": ["ORG-ID-PREFIX"],
          "idCondition": "NOT_EXISTING_ORG_ID",
          "ruleInfo": {"id": "1.14.8", "severity": "warning", "category": "identifiers",
            "message": "The reporting organisation's identifier does not start with a known registration agency code; use a valid organisation identifier."}
        },
        {
          "paths": ["other-identifier[@type='B1']/@ref"],
          "prefix": ["ORG-ID-PREFIX"],
          "idCondition": "NOT_EXISTING_ORG_ID",
          "ruleInfo": {"id": "1.16.8", "severity": "warning", "category": "identifiers",
            "message": "This previous reporting-organisation identifier (other-identifier type B1) does not start with a known registration agency code."}
        }
      ]
    },
    "unique": {
      "cases": [
        {
          "paths": ["reporting-org/@ref", "iati-identifier"],
          "ruleInfo": {"id": "1.1.3", "severity": "error", "category": "identifiers",
            "message": "The activity identifier is the same as the reporting organisation's identifier; add a code that identifies the activity."}
        }
      ]
    },
    "noSpaces": {
      "cases": [
        {
          "paths": ["iati-identifier"],
          "ruleInfo": {"id": "1.3.1", "severity": "warning", "category": "identifiers",
            "message": "The activity identifier has leading or trailing white space; remove it."}
        },
        {
          "paths": ["other-identifier[@type='A3']/@ref"],
          "ruleInfo": {"id": "1.6.1", "severity": "warning", "category": "identifiers",
            "message": "This other-identifier (type A3) has leading or trailing white space; remove it."}
        },
        {
          "paths": ["related-activity/@ref"],
          "ruleInfo": {"id": "1.7.1", "severity": "warning", "category": "relations",
            "message": "The related activity's identifier has leading or trailing white space; remove it."}
        },
        {
          "paths": ["reporting-org/@ref"],
          "ruleInfo": {"id": "1.14.1", "severity": "warning", "category": "identifiers",
            "message": "The reporting organisation's identifier has leading or trailing white space; remove it."}
        },
        {
          "paths": ["other-identifier[@type='B1']/@ref"],
          "ruleInfo": {"id": "1.16.1", "severity": "warning", "category": "identifiers",
            "message": "This other-identifier (type B1) has leading or trailing white space; remove it."}
        }
      ]
    },
    "regexMatches": {
      "cases": [
        {
          "paths": ["iati-identifier"],
          "regex": "^[^/&|?]+$",
          "idCondition": "NOT_EXISTING_ORG_ID_PREFIX",
          "ruleInfo": {"id": "1.3.13", "severity": "warning", "category": "identifiers",
            "message": "The activity identifier contains one of / & | ?; these characters break links to the activity, so remove them."}
        },
        {
          "paths": ["other-identifier[@type='A3']/@ref"],
          "regex": "^[^/&|?]+$",
          "idCondition": "NOT_EXISTING_ORG_ID",
          "ruleInfo": {"id": "1.6.13", "severity": "warning", "category": "identifiers",
            "message": "This other-identifier (type A3) contains one of / & | ?; remove them."}
        },
        {
          "paths": ["related-activity/@ref"],
          "regex": "^[^/&|?]+$",
          "idCondition": "NOT_EXISTING_ORG_ID_PREFIX",
          "ruleInfo": {"id": "1.7.13", "severity": "warning", "category": "relations",
            "message": "The related activity's identifier contains one of / & | ?; remove them."}
        },
        {
          "paths": ["reporting-org/@ref"],
          "regex": "^[^/&|?]+$",
          "idCondition": "NOT_EXISTING_ORG_ID",
          "ruleInfo": {"id": "1.14.13", "severity": "warning", "category": "identifiers",
            "message": "The reporting organisation's identifier contains one of / & | ?; remove them."}
        },
        {
          "paths": ["other-identifier[@type='B1']/@ref"],
          "regex": "^[^/&|?]+$",
          "idCondition": "NOT_EXISTING_ORG_ID",
          "ruleInfo": {"id": "1.16.13", "severity": "warning", "category": "identifiers",
            "message": "This other-identifier (type B1) contains one of / & | ?; remove them."}
        }
      ]
    },
    "ifThen": {
      "cases": [
        {
          "if": "count(sector[not(@vocabulary) or @vocabulary = '1' or @vocabulary = '']) > 1",
          "then": "count(sector[not(@vocabulary) or @vocabulary = '1' or @vocabulary = '']) = count(sector[not(@vocabulary) or @vocabulary = '1' or @vocabulary = '']/@percentage)",
          "paths": ["sector[not(@vocabulary) or @vocabulary = '1' or @vocabulary = ''][not(@percentage)]"],
          "ruleInfo": {"id": "2.1.1", "severity": "error", "category": "classifications",
            "message": "Several DAC sectors are reported but not all carry a percentage; give each one a percentage."}
        },
        {
          "if": "count(sector[not(@vocabulary) or @vocabulary = '1' or @vocabulary = '']) = 1",
          "then": "not(sector[not(@vocabulary) or @vocabulary = '1' or @vocabulary = '']/@percentage) or sector[not(@vocabulary) or @vocabulary = '1' or @vocabulary = '']/@percentage = 100",
          "paths": ["sector[not(@vocabulary) or @vocabulary = '1' or @vocabulary = '']/@percentage"],
          "ruleInfo": {"id": "2.1.4", "severity": "error", "category": "classifications",
            "message": "The only DAC sector has a percentage other than 100; set it to 100 or leave it out."}
        },
        {
          "if": "boolean(sector[@vocabulary = '98' or @vocabulary = '99'])",
          "then": "not(sector[@vocabulary = '98' or @vocabulary = '99'][not(narrative)])",
          "paths": ["sector[@vocabulary = '98' or @vocabulary = '99'][not(narrative)]"],
          "ruleInfo": {"id": "2.2.1", "severity": "error", "category": "classifications",
            "message": "A sector from a reporting organisation's own vocabulary (98 or 99) has no narrative; describe the sector in a narrative."}
        },
        {
          "if": "count(recipient-country) > 1 and not(recipient-region)",
          "then": "count(recipient-country) = count(recipient-country/@percentage)",
          "paths": ["recipient-country[not(@percentage)]"],
          "ruleInfo": {"id": "3.1.1", "severity": "error", "category": "geo",
            "message": "Several recipient countries are reported but not all carry a percentage; give each one a percentage."}
        },
        {
          "if": "count(recipient-country) = 1 and not(recipient-region)",
          "then": "not(recipient-country/@percentage) or recipient-country/@percentage = 100",
          "paths": ["recipient-country/@percentage"],
          "ruleInfo": {"id": "3.1.4", "severity": "error", "category": "geo",
            "message": "The only recipient country has a percentage other than 100; set it to 100 or leave it out."}
        },
        {
          "if": "recipient-country or recipient-region",
          "then": "not(transaction/recipient-country or transaction/recipient-region)",
          "paths": ["transaction/recipient-country", "transaction/recipient-region"],
          "ruleInfo": {"id": "3.6.2", "severity": "error", "category": "financial",
            "message": "Recipient countries or regions are given both for the activity and in its transactions; report them in one place only."}
        },
        {
          "if": "not(recipient-country or recipient-region)",
          "then": "boolean(transaction[recipient-country or recipient-region])",
          "ruleInfo": {"id": "3.7.1", "severity": "warning", "category": "geo",
            "message": "The activity names no recipient country or region, and neither do its transactions; report where the activity takes place."}
        },
        {
          "if": "not(recipient-country or recipient-region) and transaction[recipient-country or recipient-region]",
          "then": "not(transaction[not(recipient-country or recipient-region)])",
          "paths": ["transaction[not(recipient-country or recipient-region)]"],
          "ruleInfo": {"id": "3.7.2", "severity": "error", "category": "geo",
            "message": "Recipient countries or regions are reported per transaction, but some transactions have none; give one in every transaction."}
        },
        {
          "if": "boolean(sector)",
          "then": "not(transaction/sector)",
          "paths": ["transaction/sector"],
          "ruleInfo": {"id": "6.6.2", "severity": "error", "category": "classifications",
            "message": "Sectors are given both for the activity and in its transactions; report them in one place only."}
        },
        {
          "if": "boolean(sector)",
          "then": "boolean(sector[not(@vocabulary) or @vocabulary = '1' or @vocabulary = ''])",
          "paths": ["sector"],
          "ruleInfo": {"id": "102.1.1", "severity": "warning", "category": "information",
            "message": "Sectors are reported only in other vocabularies; add the matching OECD DAC 5-digit sector codes as well."}
        },
        {
          "condition": "not(/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02')",
          "if": "boolean(default-aid-type)",
          "then": "boolean(default-aid-type[not(@vocabulary) or @vocabulary = '1' or @vocabulary = ''])",
          "paths": ["default-aid-type"],
          "ruleInfo": {"id": "107.1.1", "severity": "warning", "category": "information",
            "message": "The default aid type is given only in other vocabularies; add the OECD DAC aid type code as well."}
        }
      ]
    },
    "loop": {
      "cases": [
        {
          "foreach": "sector[@vocabulary and @vocabulary != '1' and @vocabulary != '']/@vocabulary",
          "subs": ["if", "then", "paths", "condition"],
          "do": {
            "ifThen": {
              "cases": [
                {
                  "if": "count(sector[@vocabulary = '$1']) > 1",
                  "then": "count(sector[@vocabulary = '$1']) = count(sector[@vocabulary = '$1']/@percentage)",
                  "paths": ["sector[@vocabulary = '$1'][not(@percentage)]"],
                  "ruleInfo": {"id": "2.1.1", "severity": "error", "category": "classifications",
                    "message": "Several sectors of one vocabulary are reported but not all carry a percentage; give each one a percentage."}
                },
                {
                  "if": "count(sector[@vocabulary = '$1']) = 1",
                  "then": "not(sector[@vocabulary = '$1']/@percentage) or sector[@vocabulary = '$1']/@percentage = 100",
                  "paths": ["sector[@vocabulary = '$1']/@percentage"],
                  "ruleInfo": {"id": "2.1.4", "severity": "error", "category": "classifications",
                    "message": "The only sector of its vocabulary has a percentage other than 100; set it to 100 or leave it out."}
                }
              ]
            },
            "strictSum": {
              "cases": [
                {
                  "condition": "count(sector[@vocabulary = '$1']) > 1",
                  "paths": ["sector[@vocabulary = '$1']/@percentage"],
                  "sum": 100,
                  "ruleInfo": {"id": "2.1.2", "severity": "error", "category": "classifications",
                    "message": "The percentages of the sectors of one vocabulary do not add up to 100; correct them so they do."}
                }
              ]
            }
          }
        },
        {
          "foreach": "recipient-region/@vocabulary",
          "subs": ["if", "then", "paths", "condition"],
          "do": {
            "ifThen": {
              "cases": [
                {
                  "if": "count(recipient-region[@vocabulary = '$1']) > 1",
                  "then": "count(recipient-region[@vocabulary = '$1']) = count(recipient-region[@vocabulary = '$1']/@percentage)",
                  "paths": ["recipient-region[@vocabulary = '$1'][not(@percentage)]"],
                  "ruleInfo": {"id": "3.4.1", "severity": "error", "category": "geo",
                    "message": "Several recipient regions of one vocabulary are reported but not all carry a percentage; give each one a percentage."}
                },
                {
                  "if": "count(recipient-region[@vocabulary = '$1']) = 1 and not(recipient-country)",
                  "then": "not(recipient-region[@vocabulary = '$1']/@percentage) or recipient-region[@vocabulary = '$1']/@percentage = 100",
                  "paths": ["recipient-region[@vocabulary = '$1']/@percentage"],
                  "ruleInfo": {"id": "3.4.4", "severity": "error", "category": "geo",
                    "message": "The only recipient region (and no country) has a percentage other than 100; set it to 100 or leave it out."}
                }
              ]
            },
            "strictSum": {
              "cases": [
                {
                  "condition": "count(recipient-region[@vocabulary = '$1']) + count(recipient-country) > 1",
                  "paths": ["recipient-region[@vocabulary = '$1']/@percentage", "recipient-country/@percentage"],
                  "sum": 100,
                  "ruleInfo": {"id": "3.4.2", "severity": "error", "category": "geo",
                    "message": "The percentages of the recipient countries and the regions of one vocabulary do not add up to 100; correct them."}
                }
              ]
            }
          }
        },
        {
          "foreach": "country-budget-items/@vocabulary",
          "subs": ["if", "then", "paths", "condition"],
          "do": {
            "atLeastOne": {
              "cases": [
                {
                  "condition": "(count(country-budget-items[@vocabulary = '$1']/budget-item) > 1) and not(/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02')",
                  "paths": ["country-budget-items[@vocabulary = '$1']/budget-item/@percentage"],
                  "ruleInfo": {"id": "7.9.1", "severity": "warning", "category": "financial",
                    "message": "Several budget items are reported but none carries a percentage; give each budget item a percentage."}
                }
              ]
            },
            "strictSum": {
              "cases": [
                {
                  "condition": "(count(country-budget-items[@vocabulary = '$1']/budget-item) > 1) and not(/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02')",
                  "paths": ["country-budget-items[@vocabulary = '$1']/budget-item/@percentage"],
                  "sum": 100,
                  "ruleInfo": {"id": "7.9.2", "severity": "warning", "category": "financial",
                    "message": "The budget item percentages of one vocabulary do not add up to 100; correct them."}
                }
              ]
            },
            "ifThen": {
              "cases": [
                {
                  "condition": "not(/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02')",
                  "if": "count(country-budget-items[@vocabulary = '$1']/budget-item) = 1",
                  "then": "not(country-budget-items[@vocabulary = '$1']/budget-item/@percentage) or country-budget-items[@vocabulary = '$1']/budget-item/@percentage = 100",
                  "paths": ["country-budget-items[@vocabulary = '$1']/budget-item/@percentage"],
                  "ruleInfo": {"id": "7.9.4", "severity": "warning", "category": "financial",
                    "message": "The only budget item has a percentage other than 100; set it to 100 or leave it out."}
                }
              ]
            }
          }
        },
        {
          "foreach": "default-aid-type[@vocabulary and @vocabulary != '1' and @vocabulary != '']/@vocabulary",
          "subs": ["paths"],
          "do": {
            "noMoreThanOne": {
              "cases": [
                {
                  "condition": "not(/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02')",
                  "paths": ["default-aid-type[@vocabulary = '$1']"],
                  "ruleInfo": {"id": "107.1.2", "severity": "warning", "category": "financial",
                    "message": "More than one default aid type is given in the same vocabulary; keep one per vocabulary."}
                }
              ]
            }
          }
        }
      ]
    },
    "strictSum": {
      "cases": [
        {
          "condition": "count(sector[not(@vocabulary) or @vocabulary = '1' or @vocabulary = '']) > 1",
          "paths": ["sector[not(@vocabulary) or @vocabulary = '1' or @vocabulary = '']/@percentage"],
          "sum": 100,
          "ruleInfo": {"id": "2.1.2", "severity": "error", "category": "classifications",
            "message": "The percentages of the DAC sectors do not add up to 100; correct them so they do."}
        },
        {
          "condition": "count(recipient-country) > 1 and not(recipient-region)",
          "paths": ["recipient-country/@percentage"],
          "sum": 100,
          "ruleInfo": {"id": "3.1.2", "severity": "error", "category": "geo",
            "message": "The percentages of the recipient countries do not add up to 100; correct them so they do."}
        }
      ]
    },
    "atLeastOne": {
      "cases": [
        {
          "paths": ["sector", "transaction/sector"],
          "ruleInfo": {"id": "6.2.2", "severity": "error", "category": "classifications",
            "message": "No sector is given, for the activity or its transactions; add a sector."}
        },
        {
          "paths": ["activity-date[@type = '1' or @type = '2']"],
          "ruleInfo": {"id": "6.11.1", "severity": "error", "category": "information",
            "message": "Neither a planned nor an actual start date is given; add an activity-date of type 1 or 2."}
        }
      ]
    },
    "oneOrAll": {
      "cases": [
        {
          "one": "@xml:lang",
          "all": "lang",
          "ruleInfo": {"id": "4.1.1", "severity": "error", "category": "information",
            "message": "The activity has no default language and some narratives have no xml:lang; set xml:lang on the activity or on every narrative."}
        },
        {
          "one": "sector",
          "all": "sector",
          "ruleInfo": {"id": "6.7.2", "severity": "error", "category": "classifications",
            "message": "With no sector on the activity, every transaction needs a sector; add the missing ones."}
        },
        {
          "one": "@default-currency",
          "all": "currency",
          "ruleInfo": {"id": "7.8.1", "severity": "error", "category": "financial",
            "message": "A value has no currency and the activity has no default currency; set default-currency or a currency on every value."}
        }
      ]
    },
    "dateOrder": {
      "cases": [
        {
          "less": "activity-date[@type = '1']/@iso-date",
          "more": "activity-date[@type = '3']/@iso-date",
          "ruleInfo": {"id": "11.1.2", "severity": "error", "category": "information",
            "message": "The planned start date is after the planned end date; correct one of them."}
        },
        {
          "less": "activity-date[@type = '2']/@iso-date",
          "more": "activity-date[@type = '4']/@iso-date",
          "ruleInfo": {"id": "11.1.3", "severity": "error", "category": "information",
            "message": "The actual start date is after the actual end date; correct one of them."}
        },
        {
          "less": "activity-date[@type = '2']/@iso-date",
          "more": "NOW",
          "ruleInfo": {"id": "11.1.4", "severity": "error", "category": "information",
            "message": "The actual start date is in the future; an actual date must have happened, so use a planned start date (type 1) instead."}
        },
        {
          "less": "activity-date[@type = '4']/@iso-date",
          "more": "NOW",
          "ruleInfo": {"id": "11.1.5", "severity": "error", "category": "information",
            "message": "The actual end date is in the future; use a planned end date (type 3) instead."}
        }
      ]
    },
    "dateNow": {
      "cases": [
        {
          "date": "@last-updated-datetime",
          "ruleInfo": {"id": "11.1.1", "severity": "error", "category": "information",
            "message": "The activity's last-updated-datetime is in the future; give the time it was really last updated."}
        }
      ]
    },
    "range": {
      "cases": [
        {
          "condition": "not(/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02')",
          "paths": ["recipient-country/@percentage", "recipient-region/@percentage"],
          "min": 0,
          "max": 100,
          "ruleInfo": {"id": "12.1.1", "severity": "error", "category": "geo",
            "message": "A recipient country or region percentage is below 0 or above 100; use a value from 0 to 100."}
        },
        {
          "condition": "/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02'",
          "paths": ["recipient-country/@percentage", "recipient-region/@percentage"],
          "min": 0,
          "ruleInfo": {"id": "12.1.2", "severity": "error", "category": "geo",
            "message": "A recipient country or region percentage is negative (versions 2.01 and 2.02); use 0 or more."}
        },
        {
          "condition": "not(/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02')",
          "paths": ["capital-spend/@percentage", "country-budget-items/budget-item/@percentage"],
          "min": 0,
          "max": 100,
          "ruleInfo": {"id": "12.2.1", "severity": "error", "category": "financial",
            "message": "A capital spend or budget item percentage is below 0 or above 100; use a value from 0 to 100."}
        },
        {
          "condition": "/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02'",
          "paths": ["capital-spend/@percentage", "country-budget-items/budget-item/@percentage"],
          "min": 0,
          "ruleInfo": {"id": "12.2.2", "severity": "error", "category": "financial",
            "message": "A capital spend or budget item percentage is negative (versions 2.01 and 2.02); use 0 or more."}
        },
        {
          "condition": "not(/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02')",
          "paths": ["sector/@percentage"],
          "min": 0,
          "max": 100,
          "ruleInfo": {"id": "12.3.1", "severity": "error", "category": "classifications",
            "message": "A sector percentage is below 0 or above 100; use a value from 0 to 100."}
        },
        {
          "condition": "/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02'",
          "paths": ["sector/@percentage"],
          "min": 0,
          "ruleInfo": {"id": "12.3.2", "severity": "error", "category": "classifications",
            "message": "A sector percentage is negative (versions 2.01 and 2.02); use 0 or more."}
        }
      ]
    }
  },
  "/iati-activities/iati-activity/transaction": {
    "dateOrder": {
      "cases": [
        {
          "less": "transaction-date/@iso-date",
          "more": "NOW",
          "ruleInfo": {"id": "11.2.1", "severity": "error", "category": "financial",
            "message": "The transaction date is in the future; report a transaction once it has happened (use planned-disbursement for plans)."}
        },
        {
          "less": "value/@value-date",
          "more": "NOW",
          "ruleInfo": {"id": "11.2.2", "severity": "error", "category": "financial",
            "message": "The transaction's value date is in the future; use the date the value was actually fixed."}
        }
      ]
    },
    "ifThen": {
      "cases": [
        {
          "condition": "not(/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02')",
          "if": "boolean(aid-type)",
          "then": "boolean(aid-type[not(@vocabulary) or @vocabulary = '1' or @vocabulary = ''])",
          "paths": ["aid-type"],
          "ruleInfo": {"id": "107.2.1", "severity": "warning", "category": "financial",
            "message": "The transaction's aid type is given only in other vocabularies; add the OECD DAC aid type code as well."}
        }
      ]
    },
    "noMoreThanOne": {
      "cases": [
        {
          "condition": "not(/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02')",
          "paths": ["aid-type[not(@vocabulary) or @vocabulary = '1' or @vocabulary = '']"],
          "ruleInfo": {"id": "107.2.2", "severity": "warning", "category": "financial",
            "message": "The transaction gives more than one OECD DAC aid type; keep one per vocabulary."}
        }
      ]
    },
    "loop": {
      "cases": [
        {
          "foreach": "aid-type[@vocabulary and @vocabulary != '1' and @vocabulary != '']/@vocabulary",
          "subs": ["paths"],
          "do": {
            "noMoreThanOne": {
              "cases": [
                {
                  "condition": "not(/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02')",
                  "paths": ["aid-type[@vocabulary = '$1']"],
                  "ruleInfo": {"id": "107.2.2", "severity": "warning", "category": "financial",
                    "message": "The transaction gives more than one aid type in the same vocabulary; keep one per vocabulary."}
                }
              ]
            }
          }
        }
      ]
    }
  },
  "/iati-activities/iati-activity/transaction/provider-org | /iati-activities/iati-activity/planned-disbursement/provider-org": {
    "noSpaces": {
      "cases": [
        {
          "paths": ["@provider-activity-id"],
          "ruleInfo": {"id": "1.4.1", "severity": "warning", "category": "financial",
            "message": "The provider activity identifier has leading or trailing white space; remove it."}
        },
        {
          "paths": ["@ref"],
          "ruleInfo": {"id": "1.10.1", "severity": "warning", "category": "financial",
            "message": "The provider organisation's identifier has leading or trailing white space; remove it."}
        }
      ]
    },
    "startsWith": {
      "cases": [
        {
          "paths": ["@provider-activity-id"],
          "prefix": ["ORG-ID-PREFIX"],
          "idCondition": "NOT_EXISTING_ORG_ID_PREFIX",
          "ruleInfo": {"id": "1.4.8", "severity": "warning", "category": "financial",
            "message": "The provider activity identifier does not start with a known registration agency code; check it."}
        },
        {
          "paths": ["@ref"],
          "prefix": ["ORG-ID-PREFIX"],
          "idCondition": "NOT_EXISTING_ORG_ID",
          "ruleInfo": {"id": "1.10.8", "severity": "warning", "category": "financial",
            "message": "The provider organisation's identifier does not start with a known registration agency code; use a valid organisation identifier."}
        }
      ]
    },
    "regexMatches": {
      "cases": [
        {
          "paths": ["@provider-activity-id"],
          "regex": "^[^/&|?]+$",
          "idCondition": "NOT_EXISTING_ORG_ID_PREFIX",
          "ruleInfo": {"id": "1.4.13", "severity": "warning", "category": "financial",
            "message": "The provider activity identifier contains one of / & | ?; remove them."}
        },
        {
          "paths": ["@ref"],
          "regex": "^[^/&|?]+$",
          "idCondition": "NOT_EXISTING_ORG_ID",
          "ruleInfo": {"id": "1.10.13", "severity": "warning", "category": "financial",
            "message": "The provider organisation's identifier contains one of / & | ?; remove them."}
        }
      ]
    },
    "atLeastOne": {
      "cases": [
        {
          "paths": ["@ref", "narrative"],
          "ruleInfo": {"id": "6.9.1", "severity": "error", "category": "financial",
            "message": "The provider organisation has neither an identifier (ref) nor a name; give at least one."}
        }
      ]
    }
  },
  "/iati-activities/iati-activity/transaction/receiver-org | /iati-activities/iati-activity/planned-disbursement/receiver-org": {
    "noSpaces": {
      "cases": [
        {
          "paths": ["@receiver-activity-id"],
          "ruleInfo": {"id": "1.5.1", "severity": "warning", "category": "financial",
            "message": "The receiver activity identifier has leading or trailing white space; remove it."}
        },
        {
          "paths": ["@ref"],
          "ruleInfo": {"id": "1.15.1", "severity": "warning", "category": "financial",
            "message": "The receiver organisation's identifier has leading or trailing white space; remove it."}
        }
      ]
    },
    "startsWith": {
      "cases": [
        {
          "paths": ["@receiver-activity-id"],
          "prefix": ["ORG-ID-PREFIX"],
          "idCondition": "NOT_EXISTING_ORG_ID_PREFIX",
          "ruleInfo": {"id": "1.5.8", "severity": "warning", "category": "financial",
            "message": "The receiver activity identifier does not start with a known registration agency code; check it."}
        },
        {
          "paths": ["@ref"],
          "prefix": ["ORG-ID-PREFIX"],
          "idCondition": "NOT_EXISTING_ORG_ID",
          "ruleInfo": {"id": "1.15.8", "severity": "warning", "category": "financial",
            "message": "The receiver organisation's identifier does not start with a known registration agency code; use a valid organisation identifier."}
        }
      ]
    },
    "regexMatches": {
      "cases": [
        {
          "paths": ["@receiver-activity-id"],
          "regex": "^[^/&|?]+$",
          "idCondition": "NOT_EXISTING_ORG_ID_PREFIX",
          "ruleInfo": {"id": "1.5.13", "severity": "warning", "category": "financial",
            "message": "The receiver activity identifier contains one of / & | ?; remove them."}
        },
        {
          "paths": ["@ref"],
          "regex": "^[^/&|?]+$",
          "idCondition": "NOT_EXISTING_ORG_ID",
          "ruleInfo": {"id": "1.15.13", "severity": "warning", "category": "financial",
            "message": "The receiver organisation's identifier contains one of / & | ?; remove them."}
        }
      ]
    },
    "atLeastOne": {
      "cases": [
        {
          "paths": ["@ref", "narrative"],
          "ruleInfo": {"id": "6.9.2", "severity": "error", "category": "financial",
            "message": "The receiver organisation has neither an identifier (ref) nor a name; give at least one."}
        }
      ]
    }
  },
  "/iati-activities/iati-activity/participating-org": {
    "noSpaces": {
      "cases": [
        {
          "paths": ["@ref"],
          "ruleInfo": {"id": "1.8.1", "severity": "warning", "category": "participating",
            "message": "The participating organisation's identifier has leading or trailing white space; remove it."}
        },
        {
          "paths": ["@activity-id"],
          "ruleInfo": {"id": "1.9.1", "severity": "warning", "category": "participating",
            "message": "The participating organisation's activity identifier has leading or trailing white space; remove it."}
        }
      ]
    },
    "startsWith": {
      "cases": [
        {
          "paths": ["@ref"],
          "prefix": ["ORG-ID-PREFIX"],
          "idCondition": "NOT_EXISTING_ORG_ID",
          "ruleInfo": {"id": "1.8.8", "severity": "warning", "category": "participating",
            "message": "The participating organisation's identifier does not start with a known registration agency code; use a valid organisation identifier."}
        },
        {
          "paths": ["@activity-id"],
          "prefix": ["ORG-ID-PREFIX"],
          "idCondition": "NOT_EXISTING_ORG_ID_PREFIX",
          "ruleInfo": {"id": "1.9.8", "severity": "warning", "category": "participating",
            "message": "The participating organisation's activity identifier does not start with a known registration agency code; check it."}
        }
      ]
    },
    "regexMatches": {
      "cases": [
        {
          "paths": ["@ref"],
          "regex": "^[^/&|?]+$",
          "idCondition": "NOT_EXISTING_ORG_ID",
          "ruleInfo": {"id": "1.8.13", "severity": "warning", "category": "participating",
            "message": "The participating organisation's identifier contains one of / & | ?; remove them."}
        },
        {
          "paths": ["@activity-id"],
          "regex": "^[^/&|?]+$",
          "idCondition": "NOT_EXISTING_ORG_ID_PREFIX",
          "ruleInfo": {"id": "1.9.13", "severity": "warning", "category": "participating",
            "message": "The participating organisation's activity identifier contains one of / & | ?; remove them."}
        }
      ]
    },
    "atLeastOne": {
      "cases": [
        {
          "paths": ["@ref", "narrative"],
          "ruleInfo": {"id": "6.10.1", "severity": "error", "category": "participating",
            "message": "The participating organisation has neither an identifier (ref) nor a name; give at least one."}
        }
      ]
    }
  },
  "/iati-activities/iati-activity/other-identifier/owner-org": {
    "noSpaces": {
      "cases": [
        {
          "paths": ["@ref"],
          "ruleInfo": {"id": "1.11.1", "severity": "warning", "category": "identifiers",
            "message": "The owner organisation's identifier has leading or trailing white space; remove it."}
        }
      ]
    },
    "startsWith": {
      "cases": [
        {
          "paths": ["@ref"],
          "prefix": ["ORG-ID-PREFIX"],
          "idCondition": "NOT_EXISTING_ORG_ID",
          "ruleInfo": {"id": "1.11.8", "severity": "warning", "category": "identifiers",
            "message": "The owner organisation's identifier does not start with a known registration agency code; use a valid organisation identifier."}
        }
      ]
    },
    "regexMatches": {
      "cases": [
        {
          "paths": ["@ref"],
          "regex": "^[^/&|?]+$",
          "idCondition": "NOT_EXISTING_ORG_ID",
          "ruleInfo": {"id": "1.11.13", "severity": "warning", "category": "identifiers",
            "message": "The owner organisation's identifier contains one of / & | ?; remove them."}
        }
      ]
    },
    "atLeastOne": {
      "cases": [
        {
          "paths": ["@ref", "narrative"],
          "ruleInfo": {"id": "6.8.1", "severity": "error", "category": "information",
            "message": "The owner organisation has neither an identifier (ref) nor a name; give at least one."}
        }
      ]
    }
  },
  "//title": {
    "atLeastOne": {
      "cases": [
        {
          "paths": ["narrative/text()"],
          "ruleInfo": {"id": "4.3.1", "severity": "error", "category": "information",
            "message": "The title has no text; add a narrative with the title."}
        }
      ]
    }
  },
  "//description": {
    "atLeastOne": {
      "cases": [
        {
          "paths": ["narrative/text()"],
          "ruleInfo": {"id": "4.4.1", "severity": "error", "category": "information",
            "message": "The description has no text; add a narrative with the description."}
        }
      ]
    }
  },
  "/iati-activities/iati-activity/policy-marker": {
    "atLeastOne": {
      "cases": [
        {
          "condition": "@vocabulary = '99'",
          "paths": ["narrative"],
          "ruleInfo": {"id": "6.13.1", "severity": "error", "category": "classifications",
            "message": "A policy marker from the reporting organisation's own vocabulary (99) has no narrative; describe it."}
        },
        {
          "condition": "not(@vocabulary) or @vocabulary = '1' or @vocabulary = ''",
          "paths": ["@significance"],
          "ruleInfo": {"id": "6.14.1", "severity": "error", "category": "classifications",
            "message": "An OECD DAC policy marker has no significance; add the significance attribute."}
        }
      ]
    }
  },
  "/iati-activities/iati-activity/budget": {
    "atLeastOne": {
      "cases": [
        {
          "paths": ["value/@value-date"],
          "ruleInfo": {"id": "7.5.2", "severity": "error", "category": "financial",
            "message": "The budget value has no value-date; add the date used for its currency conversion."}
        }
      ]
    },
    "timeLimit": {
      "cases": [
        {
          "start": "period-start/@iso-date",
          "end": "period-end/@iso-date",
          "ruleInfo": {"id": "7.5.3", "severity": "error", "category": "financial",
            "message": "The budget period is longer than one year; split it into periods of a year or less."}
        }
      ]
    },
    "dateOrder": {
      "cases": [
        {
          "less": "period-start/@iso-date",
          "more": "period-end/@iso-date",
          "ruleInfo": {"id": "8.6.3", "severity": "error", "category": "financial",
            "message": "The budget period starts after it ends; correct the period dates."}
        }
      ]
    }
  },
  "/iati-activities/iati-activity/planned-disbursement": {
    "dateOrder": {
      "cases": [
        {
          "less": "period-start/@iso-date",
          "more": "period-end/@iso-date",
          "ruleInfo": {"id": "8.6.3", "severity": "error", "category": "financial",
            "message": "The planned disbursement period starts after it ends; correct the period dates."}
        }
      ]
    }
  },
  "/iati-activities/iati-activity/result/indicator/period": {
    "dateOrder": {
      "cases": [
        {
          "less": "period-start/@iso-date",
          "more": "period-end/@iso-date",
          "ruleInfo": {"id": "8.6.1", "severity": "error", "category": "performance",
            "message": "The indicator period starts after it ends; correct the period dates."}
        }
      ]
    }
  },
  "/iati-activities/iati-activity/result/indicator[@measure = '1' or @measure = '2' or @measure = '3' or @measure = '4']/baseline": {
    "atLeastOne": {
      "cases": [
        {
          "condition": "not(/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02')",
          "paths": ["@value"],
          "ruleInfo": {"id": "8.8.1", "severity": "error", "category": "performance",
            "message": "The baseline of a quantitative indicator has no value; add the value attribute."}
        }
      ]
    },
    "ifThen": {
      "cases": [
        {
          "condition": "not(/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02')",
          "if": "boolean(@value)",
          "then": "number(@value) = number(@value)",
          "paths": ["@value"],
          "ruleInfo": {"id": "8.8.2", "severity": "warning", "category": "performance",
            "message": "The baseline value of a quantitative indicator is not a number; give a plain decimal number."}
        }
      ]
    }
  },
  "/iati-activities/iati-activity/result/indicator[@measure = '5']/baseline": {
    "ifThen": {
      "cases": [
        {
          "condition": "not(/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02')",
          "if": "boolean(@value)",
          "then": "not(@value)",
          "paths": ["@value"],
          "ruleInfo": {"id": "8.8.3", "severity": "warning", "category": "performance",
            "message": "The baseline of a qualitative indicator has a value; describe it in a comment instead."}
        }
      ]
    }
  },
  "/iati-activities/iati-activity/result/indicator[@measure = '1' or @measure = '2' or @measure = '3' or @measure = '4']/period/target": {
    "atLeastOne": {
      "cases": [
        {
          "condition": "not(/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02')",
          "paths": ["@value"],
          "ruleInfo": {"id": "8.9.1", "severity": "error", "category": "performance",
            "message": "The target of a quantitative indicator has no value; add the value attribute."}
        }
      ]
    },
    "ifThen": {
      "cases": [
        {
          "condition": "not(/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02')",
          "if": "boolean(@value)",
          "then": "number(@value) = number(@value)",
          "paths": ["@value"],
          "ruleInfo": {"id": "8.9.2", "severity": "warning", "category": "performance",
            "message": "The target value of a quantitative indicator is not a number; give a plain decimal number."}
        }
      ]
    }
  },
  "/iati-activities/iati-activity/result/indicator[@measure = '5']/period/target": {
    "ifThen": {
      "cases": [
        {
          "condition": "not(/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02')",
          "if": "boolean(@value)",
          "then": "not(@value)",
          "paths": ["@value"],
          "ruleInfo": {"id": "8.9.3", "severity": "warning", "category": "performance",
            "message": "The target of a qualitative indicator has a value; describe it in a comment instead."}
        }
      ]
    }
  },
  "/iati-activities/iati-activity/result/indicator[@measure = '1' or @measure = '2' or @measure = '3' or @measure = '4']/period/actual": {
    "atLeastOne": {
      "cases": [
        {
          "condition": "not(/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02')",
          "paths": ["@value"],
          "ruleInfo": {"id": "8.10.1", "severity": "error", "category": "performance",
            "message": "The actual result of a quantitative indicator has no value; add the value attribute."}
        }
      ]
    },
    "ifThen": {
      "cases": [
        {
          "condition": "not(/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02')",
          "if": "boolean(@value)",
          "then": "number(@value) = number(@value)",
          "paths": ["@value"],
          "ruleInfo": {"id": "8.10.2", "severity": "warning", "category": "performance",
            "message": "The actual value of a quantitative indicator is not a number; give a plain decimal number."}
        }
      ]
    }
  },
  "/iati-activities/iati-activity/result/indicator[@measure = '5']/period/actual": {
    "ifThen": {
      "cases": [
        {
          "condition": "not(/iati-activities/@version = '2.01' or /iati-activities/@version = '2.02')",
          "if": "boolean(@value)",
          "then": "not(@value)",
          "paths": ["@value"],
          "ruleInfo": {"id": "8.10.3", "severity": "warning", "category": "performance",
            "message": "The actual result of a qualitative indicator has a value; describe it in a comment instead."}
        }
      ]
    }
  },
  "/iati-activities/iati-activity/result/indicator": {
    "noMoreThanOne": {
      "cases": [
        {
          "paths": ["reference[1]", "../reference[1]"],
          "ruleInfo": {"id": "8.11.1", "severity": "error", "category": "performance",
            "message": "Both the result and its indicator carry a reference; give the reference in one place only."}
        }
      ]
    }
  },
  "/iati-organisations/iati-organisation": {
    "noSpaces": {
      "cases": [
        {
          "paths": ["organisation-identifier"],
          "ruleInfo": {"id": "1.12.1", "severity": "warning", "category": "organisation",
            "message": "The organisation identifier has leading or trailing white space; remove it."}
        },
        {
          "paths": ["recipient-org-budget/recipient-org/@ref"],
          "ruleInfo": {"id": "1.17.1", "severity": "warning", "category": "organisation",
            "message": "The recipient organisation's identifier has leading or trailing white space; remove it."}
        },
        {
          "paths": ["reporting-org/@ref"],
          "ruleInfo": {"id": "1.18.1", "severity": "warning", "category": "identifiers",
            "message": "The reporting organisation's identifier has leading or trailing white space; remove it."}
        }
      ]
    },
    "startsWith": {
      "cases": [
        {
          "paths": ["organisation-identifier"],
          "prefix": ["ORG-ID-PREFIX"],
          "idCondition": "NOT_EXISTING_ORG_ID",
          "ruleInfo": {"id": "1.12.8", "severity": "warning", "category": "organisation",
            "message": "The organisation identifier does not start with a known registration agency code; use a valid organisation identifier."}
        },
        {
          "paths": ["recipient-org-budget/recipient-org/@ref"],
          "prefix": ["ORG-ID-PREFIX"],
          "idCondition": "NOT_EXISTING_ORG_ID",
          "ruleInfo": {"id": "1.17.8", "severity": "warning", "category": "organisation",
            "message": "The recipient organisation's identifier does not start with a known registration agency code; use a valid organisation identifier."}
        },
        {
          "paths": ["reporting-org/@ref"],
          "prefix": ["ORG-ID-PREFIX"],
          "idCondition": "NOT_EXISTING_ORG_ID",
          "ruleInfo": {"id": "1.18.8", "severity": "warning", "category": "identifiers",
            "message": "The reporting organisation's identifier does not start with a known registration agency code; use a valid organisation identifier."}
        }
      ]
    },
    "regexMatches": {
      "cases": [
        {
          "paths": ["organisation-identifier"],
          "regex": "^[^/&|?]+$",
          "idCondition": "NOT_EXISTING_ORG_ID",
          "ruleInfo": {"id": "1.12.13", "severity": "warning", "category": "organisation",
            "message": "The organisation identifier contains one of / & | ?; remove them."}
        },
        {
          "paths": ["recipient-org-budget/recipient-org/@ref"],
          "regex": "^[^/&|?]+$",
          "idCondition": "NOT_EXISTING_ORG_ID",
          "ruleInfo": {"id": "1.17.13", "severity": "warning", "category": "organisation",
            "message": "The recipient organisation's identifier contains one of / & | ?; remove them."}
        },
        {
          "paths": ["reporting-org/@ref"],
          "regex": "^[^/&|?]+$",
          "idCondition": "NOT_EXISTING_ORG_ID",
          "ruleInfo": {"id": "1.18.13", "severity": "warning", "category": "identifiers",
            "message": "The reporting organisation's identifier contains one of / & | ?; remove them."}
        }
      ]
    },
    "oneOrAll": {
      "cases": [
        {
          "one": "@xml:lang",
          "all": "lang",
          "ruleInfo": {"id": "4.5.1", "severity": "error", "category": "organisation",
            "message": "The organisation file has no default language and some narratives have no xml:lang; set xml:lang on the organisation or on every narrative."}
        },
        {
          "one": "@default-currency",
          "all": "currency",
          "ruleInfo": {"id": "7.8.2", "severity": "error", "category": "financial",
            "message": "A value has no currency and the organisation has no default currency; set default-currency or a currency on every value."}
        }
      ]
    },
    "dateNow": {
      "cases": [
        {
          "date": "@last-updated-datetime",
          "ruleInfo": {"id": "11.4.1", "severity": "error", "category": "information",
            "message": "The organisation's last-updated-datetime is in the future; give the time it was really last updated."}
        }
      ]
    }
  },
  "/iati-organisations/iati-organisation/recipient-country-budget": {
    "betweenDates": {
      "cases": [
        {
          "date": "budget-line/value/@value-date",
          "start": "period-start/@iso-date",
          "end": "period-end/@iso-date",
          "ruleInfo": {"id": "11.3.1", "severity": "error", "category": "financial",
            "message": "A budget line's value date lies outside the budget period; use a date within the period."}
        }
      ]
    }
  },
  "/iati-organisations/iati-organisation/total-budget | /iati-organisations/iati-organisation/total-expenditure | /iati-organisations/iati-organisation/recipient-org-budget | /iati-organisations/iati-organisation/recipient-country-budget | /iati-organisations/iati-organisation/recipient-region-budget": {
    "timeLimit": {
      "cases": [
        {
          "start": "period-start/@iso-date",
          "end": "period-end/@iso-date",
          "ruleInfo": {"id": "7.5.3", "severity": "error", "category": "financial",
            "message": "The budget or expenditure period is longer than one year; split it into periods of a year or less."}
        }
      ]
    },
    "dateOrder": {
      "cases": [
        {
          "less": "period-start/@iso-date",
          "more": "period-end/@iso-date",
          "ruleInfo": {"id": "8.6.3", "severity": "error", "category": "financial",
            "message": "The budget or expenditure period starts after it ends; correct the period dates."}
        }
      ]
    }
  }
}
"""#
}
