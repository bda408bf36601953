/// Cooperation frameworks and the outputs activities contribute to.
public enum Cooperation {}
