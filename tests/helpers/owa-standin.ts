import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { join } from 'node:path';

// Test-only certificates (tests/fixtures/tls/README.md): a CA the probe is told to trust, and leaves to serve.
const tls = join(import.meta.dirname, '..', 'fixtures', 'tls');
const pem = (name: string) => readFileSync(join(tls, name), 'utf8');
export const testCa = pem('test-ca.pem');
export type StandinCertificate = 'exch01' | 'wrong-name' | 'expired' | 'untrusted';

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

/** Every name resolves to 127.0.0.1, so the probe connects to the stand-in while checking the real name. */
export const toLoopback: LookupFunction = (_hostname, options, callback) => {
  if (typeof options === 'object' && options.all === true)
    (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [
      { address: '127.0.0.1', family: 4 },
    ]);
  else callback(null, '127.0.0.1', 4);
};

export const redirect =
  (location: string): Route =>
  (_request, response) => {
    response.writeHead(302, { location, 'content-length': '0' });
    response.end();
  };

export const page =
  (status: number, body: string): Route =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  };

/** An HTTPS stand-in for an Exchange server's front end on 127.0.0.1, answering by path. */
export async function startOwaStandin(
  routes: Record<string, Route>,
  certificate: StandinCertificate = 'exch01',
): Promise<{ port: number; server: Server; close: () => Promise<void> }> {
  const server = createServer(
    { cert: pem(`${certificate}.pem`), key: pem(`${certificate}.key`) },
    (request, response) => {
      const path = new URL(request.url ?? '/', 'https://stand-in').pathname;
      (routes[path] ?? page(404, 'Not Found'))(request, response);
    },
  );
  // The probe's refused TLS handshakes surface here; they are the point of some tests.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on any more. */
export async function closedPort(): Promise<number> {
  const standin = await startOwaStandin({});
  await standin.close();
  return standin.port;
}
