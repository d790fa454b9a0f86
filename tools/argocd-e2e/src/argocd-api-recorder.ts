// A recording pass-through in front of the real Argo CD API: gitops-sync talks to it, it forwards every
// request unchanged and keeps each response, so the happy-path fixtures of gitops-sync's Argo CD tests are
// what a real Argo CD v3.6 answered, not hand-written. The bearer token is forwarded, never recorded.
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedExchange {
  readonly method: string;
  /** Path and query, e.g. `/api/v1/applications/core-services/managed-resources`. */
  readonly path: string;
  readonly requestBody?: unknown;
  readonly status: number;
  readonly body: unknown;
}

export interface ArgoCdApiRecorder {
  readonly url: string;
  readonly exchanges: RecordedExchange[];
  close(): Promise<void>;
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
}

export async function startArgoCdApiRecorder(target: string): Promise<ArgoCdApiRecorder> {
  const exchanges: RecordedExchange[] = [];
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const forward = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (upstreamRes) => {
          const out: Buffer[] = [];
          upstreamRes.on('data', (c: Buffer) => out.push(c));
          upstreamRes.on('end', () => {
            const text = Buffer.concat(out).toString('utf8');
            exchanges.push({
              method: req.method ?? 'GET',
              path: req.url ?? '/',
              ...(body.length > 0 ? { requestBody: parseJson(body.toString('utf8')) } : {}),
              status: upstreamRes.statusCode ?? 0,
              body: parseJson(text),
            });
            res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers).end(Buffer.concat(out));
          });
        },
      );
      forward.on('error', (err) => res.writeHead(502).end(err.message));
      forward.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
