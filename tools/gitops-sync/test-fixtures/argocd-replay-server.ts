// A local HTTP server replaying responses shaped like Argo CD v2.14's REST API (grpc-gateway JSON,
// errors as {"error","code","message"}), for what a real Argo CD cannot be made to do on demand:
// 401/403/404, 429, 5xx, a hang, a truncated body. Happy-path responses are recorded from a real Argo CD
// by the e2e (test-fixtures/argocd-recorded/, `npm run e2e:argocd -- --record`).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export type Reply =
  | { readonly status: number; readonly json: unknown; readonly headers?: Record<string, string> }
  | { readonly status: number; readonly raw: string }
  | { readonly hang: true };

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization?: string;
  readonly body: string;
}

export interface ReplayServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Replies for `METHOD /path`, used in order; the last one repeats. */
  on(route: string, ...replies: Reply[]): void;
  close(): Promise<void>;
}

/** grpc-gateway error body as Argo CD sends it. */
export function argoError(status: number, code: number, message: string): Reply {
  return { status, json: { error: message, code, message } };
}

/** `tls`: serve HTTPS with this key and certificate (to prove TLS is verified). */
export async function startReplayServer(tls?: { key: string; cert: string }): Promise<ReplayServer> {
  const routes = new Map<string, Reply[]>();
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      requests.push({ method: req.method ?? 'GET', path, authorization: req.headers.authorization, body: Buffer.concat(chunks).toString('utf8') });
      const queue = routes.get(`${req.method} ${path}`);
      const reply = queue && queue.length > 1 ? queue.shift()! : queue?.[0];
      if (!reply) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Not Found', code: 5, message: 'Not Found' }));
        return;
      }
      if ('hang' in reply) {
        hanging.add(res);
        return;
      }
      if ('raw' in reply) {
        res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.raw);
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) }).end(JSON.stringify(reply.json));
    });
  };
  const server: Server = tls ? createHttpsServer(tls, handler) : createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    on: (route, ...replies) => routes.set(route, replies),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** An Application as GET /api/v1/applications returns it (fields this tool reads, plus realistic neighbours). */
export function argoApplication(name: string, sync: string, health: string, revision = '3f2a9c1e7b5d4a60c8e1f2a3b4c5d6e7f8091a2b'): unknown {
  return {
    metadata: { name, namespace: 'argocd', uid: `uid-${name}`, resourceVersion: '1001', creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: {
      project: 'go-coffee',
      source: { repoURL: 'https://github.com/go-coffee/gitops.git', path: `gitops/dev-local/${name}`, targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'go-coffee' },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
    status: {
      sync: { status: sync, revision, comparedTo: { source: { repoURL: 'https://github.com/go-coffee/gitops.git', path: `gitops/dev-local/${name}` } } },
      health: { status: health },
      reconciledAt: '2026-01-01T00:00:00Z',
    },
  };
}
