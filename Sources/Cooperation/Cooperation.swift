/// Cooperation frameworks and the outputs activities contribute to.
///
/// The pipeline: ``Framework/load(path:)`` reads and checks a framework (YAML);
/// ``ExchangeRates/load(path:target:)`` reads optional rates (CSV); the inputs are read twice
/// (`InputPasses`): first to their end, listing identifiers and dates, so that an input that
/// fails part-way counts for nothing and one version of each identifier is chosen (the latest
/// `last-updated-datetime`, then the later input); then ``OutputsAggregator`` streams the
/// chosen activities through a ``RuleMatcher`` and keeps totals; its
/// ``OutputsAggregator/finish(inputs:)`` gives ``CooperationOutputs``, rendered by
/// ``CooperationOutputs/json()``, ``CooperationOutputs/xml()``, ``CooperationOutputs/csvTables()``
/// and ``CooperationOutputs/html(language:)``. ``runOutputs(_:progress:)`` does all of it for
/// `iatix outputs`.
public enum Cooperation {}
