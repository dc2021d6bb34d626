/**
 * Helpers for the hardening tests: raw HTTP over a socket (to see exactly what the server does with
 * a connection) and the embedded default with Slack open and the real local Cognito.
 */
import { connect } from 'node:net';

export interface RawExchange {
  /** Everything the server wrote before it closed the connection (or the wait ended). */
  text: string;
  /** The server closed the connection (a clean close or a reset). */
  closed: boolean;
}

/** Writes `head` (and `body`) on a fresh socket and collects the answer until close or `waitMs`. */
export function rawHttp(port: number, head: string, body = '', waitMs = 3000): Promise<RawExchange> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      done({ text, closed: false });
    }, waitMs);
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    const finish = () => {
      clearTimeout(timer);
      done({ text, closed: true });
    };
    socket.on('close', finish);
    socket.on('error', () => undefined);
    socket.write(head + body);
  });
}

export function statusOf(exchange: RawExchange): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(exchange.text)?.[1] ?? 0);
}
