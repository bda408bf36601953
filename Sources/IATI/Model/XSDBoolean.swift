/// The `xsd:boolean` lexical space: `true`, `false`, `1`, `0`.
public enum XSDBoolean {
    /// The boolean `text` denotes, `nil` when absent or not a valid `xsd:boolean`.
    public static func parse(_ text: String?) -> Bool? {
        switch text.nonEmptyTrimmed {
        case "true", "1": true
        case "false", "0": false
        default: nil
        }
    }
}
