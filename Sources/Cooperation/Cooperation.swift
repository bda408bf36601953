/// Cooperation frameworks and the outputs activities contribute to.
///
/// The pipeline: ``Framework/load(path:)`` reads and checks a framework (YAML);
/// ``ExchangeRates/load(path:target:)`` reads optional rates (CSV); ``OutputsAggregator``
/// streams decoded activities through a ``RuleMatcher`` and keeps totals; its
/// ``OutputsAggregator/finish(inputs:)`` gives ``CooperationOutputs``, rendered by
/// ``CooperationOutputs/json()``, ``CooperationOutputs/xml()``, ``CooperationOutputs/csvTables()``
/// and ``CooperationOutputs/html(language:)``. ``runOutputs(_:progress:)`` does all of it for
/// `iatix outputs`.
public enum Cooperation {}
