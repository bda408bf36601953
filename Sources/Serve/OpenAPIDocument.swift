/// The OpenAPI 3.1 description of the API, served at `/openapi.yaml`; `schemas/openapi.yaml`
/// is the same text (a test keeps them equal).
enum OpenAPIDocument {
    static let text = """
        openapi: 3.1.0
        """
}
