/**
 * Node only: honest connection handling when the app answers before it has read the request
 * body (413 from the body limit, 401 from an auth middleware, 404 on an unknown route, all on a
 * large POST).
 *
 * Left alone, @hono/node-server keeps such a connection "keep-alive", drains the unread body for
 * half a second and then closes the socket while the client is still sending: the client sees
 * EPIPE, and a keep-alive client that already queued its next, valid request on that connection
 * loses it. Instead the answer says `Connection: close`, so no client reuses the connection, and
 * the socket is closed the way RFC 9112 §9.6 asks: our side ends first, then we keep reading
 * (and discarding) what the client still sends until it closes too, bounded in time. Closing
 * with unread bytes would send a TCP reset, which can destroy the answer before the client reads it.
 *
 * Costs a requested-finished check per response; nothing per request otherwise.
 */
import { ServerResponse, type IncomingMessage } from "node:http";
import type { Socket } from "node:net";

/** Longest a closing connection keeps reading what the client still sends. */
export const LINGER_MS = 5_000;

const lingering = new WeakSet<Socket>();

/** A response that marks an early answer `Connection: close` and closes its connection lingering. */
class EarlyAnswerResponse extends ServerResponse<IncomingMessage> {
  // Every response goes through writeHead, explicitly or from the first write.
  override writeHead(statusCode: number, ...rest: any[]): this {
    if (!this.req.complete && this.socket) closeAfterAnswer(this, this.socket);
    return super.writeHead(statusCode, ...(rest as [any]));
  }
}

function closeAfterAnswer(res: ServerResponse, socket: Socket): void {
  // Node ends the connection after a response that carries this header.
  res.setHeader("Connection", "close");
  if (lingering.has(socket)) return;
  lingering.add(socket);
  // Node (and @hono/node-server's drain) close a finished connection with destroySoon(), which
  // destroys the socket as soon as our side is flushed. For this socket, close lingering instead.
  socket.destroySoon = () => lingeringClose(socket);
}

function lingeringClose(socket: Socket): void {
  if (socket.destroyed) return;
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref(); // a lingering socket never holds the process open
  socket.once("close", () => clearTimeout(timer));
  // The client's FIN ends the read side; with our side ended too, Node destroys the socket.
  socket.once("end", () => socket.destroy());
  socket.end();
  socket.resume();
}

/** Options for `http.createServer`, so every response of that server behaves as above. */
export const earlyAnswerServerOptions = { ServerResponse: EarlyAnswerResponse as typeof ServerResponse };

/**
 * What Node's HTTP parser refuses before the app sees a request (request line and headers over
 * `maxHeaderSize`, 16 KiB by default — a 20 kB id in a URL; bytes that are not HTTP; a request
 * that took too long to arrive) is answered in the app's `{ error }` JSON shape, not Node's bare
 * status line, so clients parse every error the same way.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, message] =
    error.code === "HPE_HEADER_OVERFLOW"
      ? [431, "Request Header Fields Too Large", "Request line and headers are too large for this server: shorten the URL or send the data in a POST body"]
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "Request Timeout", "The request took too long to arrive"]
        : [400, "Bad Request", "Malformed HTTP request"];
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
