import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers a request that asks `Expect: 100-continue` with `100 Continue` as soon as its head
/// arrives, so that its client sends the body at once. Without it curl, which asks for every
/// body over 1 MB, waits a second before sending (RFC 9110, section 10.1.1).
///
/// In the channel pipeline after the HTTP/1 codec. The body is taken whatever the answer
/// turns out to be: a request refused later (a wrong key, a body too large) is refused then.
final class ContinueHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let request) = unwrapInboundIn(data),
            request.headerFields[.expect]?.lowercased() == "100-continue"
        {
            context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
        }
        context.fireChannelRead(data)
    }
}
