/// Validation of IATI files: structure, datatypes, codelists, rules, reports.
public enum IATIValidation {}
