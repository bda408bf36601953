import Hummingbird

enum WebPage {
    static func response(_ request: Request, context: some RequestContext) throws -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "<!doctype html>")))
    }
}
