import Foundation
internal import Yams

extension Framework {
    /// Reads a framework from a YAML file and checks it.
    ///
    /// - Parameter path: the YAML file (see `schemas/framework.schema.json`).
    /// - Returns: the framework, every code unique and every rule pointing at a node.
    /// - Throws: ``ConfigurationError`` with every problem found (YAML syntax, unknown keys,
    ///   missing or empty values, duplicate codes or rule ids, rules pointing at unknown
    ///   nodes), each with file, line and column.
    public static func load(path: String) throws(ConfigurationError) -> Framework {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(problems: [ConfigurationProblem(file: path, message: "cannot read the framework file")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(problems: [ConfigurationProblem(file: path, message: "the framework file is not UTF-8 text")])
        }
        return try parse(yaml: text, file: path)
    }

    /// Reads a framework from YAML text; `file` names it in problems.
    /// - Throws: ``ConfigurationError``, as ``load(path:)``.
    public static func parse(yaml: String, file: String) throws(ConfigurationError) -> Framework {
        let root: Yams.Node
        do {
            guard let composed = try Yams.compose(yaml: yaml) else {
                throw ConfigurationError(problems: [ConfigurationProblem(file: file, message: "the framework file is empty")])
            }
            root = composed
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError(problems: [yamlProblem(error, file: file)])
        }
        var reader = YAMLReader(file: file)
        let framework = FrameworkDecoder.decode(root, reader: &reader)
        if let framework { reader.check(framework) }
        guard let framework, reader.problems.isEmpty else {
            throw ConfigurationError(problems: reader.problems)
        }
        return framework
    }

    /// A YAML syntax error from Yams as a problem with line and column.
    private static func yamlProblem(_ error: any Error, file: String) -> ConfigurationProblem {
        guard let yamlError = error as? YamlError else {
            return ConfigurationProblem(file: file, message: "YAML: \(error)")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text), " } ?? ""
            return ConfigurationProblem(file: file, line: mark.line, column: mark.column, message: "YAML syntax: \(detail)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigurationProblem(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "YAML: key \(duplicates.map { "\"\($0)\"" }.joined(separator: ", ")) appears twice in the same mapping")
        case .reader(let problem, _, _, _):
            return ConfigurationProblem(file: file, message: "YAML: \(problem)")
        default:
            return ConfigurationProblem(file: file, message: "YAML: \(yamlError)")
        }
    }
}

extension YAMLReader {
    /// Checks what the structure alone cannot: unique codes and ids, rule targets.
    mutating func check(_ framework: Framework) {
        var codes: [String: Int] = [:]
        for node in framework.allNodes {
            if let first = codes[node.code] {
                problem("code \"\(node.code)\" is used twice (first on line \(first)); codes must be unique", line: node.line)
            } else {
                codes[node.code] = node.line
            }
            for indicator in node.indicators {
                if let first = codes[indicator.code] {
                    problem("code \"\(indicator.code)\" is used twice (first on line \(first)); codes must be unique", line: indicator.line)
                } else {
                    codes[indicator.code] = indicator.line
                }
            }
        }
        var ids: [String: Int] = [:]
        let nodeCodes = Set(framework.allNodes.map(\.code))
        for rule in framework.rules {
            if let first = ids[rule.id] {
                problem("rule id \"\(rule.id)\" is used twice (first on line \(first))", line: rule.line)
            } else {
                ids[rule.id] = rule.line
            }
            if !nodeCodes.contains(rule.target) {
                let known = framework.allNodes.map(\.code).joined(separator: ", ")
                problem("rule \"\(rule.id)\" points at \"\(rule.target)\", which is not a priority, outcome or output of this framework (known codes: \(known))", line: rule.line)
            }
        }
    }
}
