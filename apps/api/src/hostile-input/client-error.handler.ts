import type { Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

// What Node's HTTP parser says was wrong, in words for the caller (the raw bytes are never echoed).
const WHAT_WAS_WRONG: Record<string, string> = {
  HPE_INVALID_URL: 'The request target has a character that must be percent-encoded.',
  HPE_INVALID_METHOD: 'The request does not begin with an HTTP method.',
  HPE_INVALID_HEADER_TOKEN: 'A header name has a character a header name may not have.',
  HPE_INVALID_CONSTANT: 'The request is not HTTP/1.1.',
  HPE_INVALID_VERSION: 'The request names an HTTP version the api does not speak.',
  HPE_INVALID_CONTENT_LENGTH: 'Content-Length is not a number of bytes.',
  HPE_UNEXPECTED_CONTENT_LENGTH: 'The request has both Content-Length and Transfer-Encoding.',
  HPE_INVALID_TRANSFER_ENCODING: 'Transfer-Encoding is not one the api reads.',
  HPE_INVALID_CHUNK_SIZE: 'A chunk of the body does not say its size.',
  HPE_HEADER_OVERFLOW: 'The request headers are larger than the api reads.',
  HPE_LF_EXPECTED: 'A line of the request does not end as HTTP requires.',
  HPE_CR_EXPECTED: 'A line of the request does not end as HTTP requires.',
};

/** The response in progress on the socket, which Node keeps on it (and clears when it is done). */
interface HttpSocket extends Duplex {
  _httpMessage?: object | null;
}

/**
 * A request Node's HTTP parser cannot read never reaches Express: Node would answer a bare 400
 * without a body. This answers it as application/problem+json too (/problems/malformed-request;
 * 431 for headers too large, 408 for a request that did not arrive in time) and closes the
 * connection, since nothing after the broken bytes can be trusted to begin a request.
 */
export function answerUnreadableRequests(server: Server): void {
  server.on('clientError', (error: Error & { code?: string }, socket: HttpSocket) => {
    const code = error.code ?? '';
    // A raw answer must not cut into a response still being written for an earlier request.
    if (code === 'ECONNRESET' || !socket.writable || socket._httpMessage) {
      socket.destroy();
      return;
    }
    const status = code === 'HPE_HEADER_OVERFLOW' ? 431 : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const title = STATUS_CODES[status] ?? 'Bad Request';
    const detail = status === 408 ? 'The request did not arrive in time.' : (WHAT_WAS_WRONG[code] ?? 'The request is not HTTP the api can read.');
    const body = JSON.stringify({ type: status === 408 ? 'about:blank' : '/problems/malformed-request', title, status, detail });
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Cache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
