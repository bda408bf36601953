/// Cooperation frameworks and the outputs activities contribute to.
///
/// The pipeline: ``Framework/load(path:)`` reads and checks a framework (YAML);
/// ``ExchangeRates/load(path:target:)`` reads optional rates (CSV); each input's activities
/// count only when it is read to its end, and one version of each identifier is kept (the
/// latest `last-updated-datetime`, then the later input); ``OutputsAggregator`` streams the
/// kept activities through a ``RuleMatcher`` and keeps totals; its
/// ``OutputsAggregator/finish(inputs:)`` gives ``CooperationOutputs``, rendered by
/// ``CooperationOutputs/json()``, ``CooperationOutputs/xml()``, ``CooperationOutputs/csvTables()``
/// and ``CooperationOutputs/html(language:)``. ``runOutputs(_:progress:)`` does all of it for
/// `iatix outputs`.
public enum Cooperation {}
