// Client for the Argo CD REST API as of Argo CD v2.14 (unchanged in v3.0/v3.1 for these endpoints):
//   GET  /api/v1/applications                          → v1alpha1.ApplicationList
//   GET  /api/v1/applications/{name}/managed-resources → application.ManagedResourcesResponse
//   POST /api/v1/applications/{name}/sync              → v1alpha1.Application
// Bearer token auth, TLS verified unless explicitly disabled, GETs retried on 429/5xx with backoff.
// The token never appears in an error message.
import { Agent } from 'node:https';
import type { AxiosInstance } from 'axios';

export interface ArgoCdClientOptions {
  /** e.g. `https://argocd.example.com` */
  readonly baseUrl: string;
  readonly token?: string;
  /** Skip TLS verification (self-signed dev installs only). @default false */
  readonly insecure?: boolean;
  /** @default 15_000 */
  readonly timeoutMs?: number;
  /** Retries for a GET answered 429 or 5xx. @default 2 */
  readonly retries?: number;
  /** Base backoff; doubled per retry unless the server sends Retry-After. @default 250 */
  readonly backoffMs?: number;
}

export type ArgoCdErrorKind =
  'unauthorized' | 'forbidden' | 'not-found' | 'rate-limited' | 'server' | 'timeout' | 'invalid-response' | 'network';

export class ArgoCdApiError extends Error {
  constructor(
    message: string,
    readonly kind: ArgoCdErrorKind,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ArgoCdApiError';
  }
}

export interface ArgoApplication {
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly spec?: {
    readonly project?: string;
    readonly source?: { readonly repoURL?: string; readonly path?: string; readonly targetRevision?: string };
    readonly ignoreDifferences?: readonly Record<string, unknown>[];
  };
  readonly status?: {
    readonly sync?: { readonly status?: string; readonly revision?: string };
    readonly health?: { readonly status?: string; readonly message?: string };
    readonly operationState?: { readonly phase?: string; readonly message?: string };
  };
}

/**
 * One entry of managed-resources: states are JSON documents encoded as strings ('null' when absent). Argo CD
 * serializes it as proto3 JSON, which omits false and empty fields: `group` is absent for the core group,
 * `namespace` for cluster-scoped objects, `modified` and `hook` unless true. Treat absence as ''/false.
 */
export interface ArgoResourceDiff {
  readonly group?: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly targetState?: string;
  readonly liveState?: string;
  readonly normalizedLiveState?: string;
  readonly predictedLiveState?: string;
  readonly modified?: boolean;
  readonly hook?: boolean;
}

export interface SyncRequest {
  readonly revision?: string;
  readonly prune?: boolean;
  readonly dryRun?: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ArgoCdClient {
  private http: AxiosInstance | undefined;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly agent: Agent;
  private readonly baseURL: string;

  constructor(private readonly options: ArgoCdClientOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new ArgoCdApiError(
        `--argocd "${options.baseUrl}" is not a URL; pass e.g. https://argocd.example.com`,
        'invalid-response',
      );
    }
    this.retries = options.retries ?? 2;
    this.backoffMs = options.backoffMs ?? 250;
    this.agent = new Agent({ keepAlive: true, rejectUnauthorized: !options.insecure });
    this.baseURL = url.toString().replace(/\/+$/, '');
  }

  /** axios is loaded on first use: drift through the Kubernetes API never pays for it. */
  private async client(): Promise<AxiosInstance> {
    if (this.http) return this.http;
    const { default: axios } = await import('axios');
    this.http = axios.create({
      baseURL: this.baseURL,
      timeout: this.options.timeoutMs ?? 15_000,
      httpsAgent: this.agent,
      headers: {
        accept: 'application/json',
        ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
      },
      // Parse ourselves: a truncated body must be an error, not a string.
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      proxy: false,
    });
    return this.http;
  }

  close(): void {
    this.agent.destroy();
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const what = `${method} ${path}`;
    const http = await this.client();
    for (let attempt = 0; ; attempt += 1) {
      let res;
      try {
        res = await http.request({ method, url: path, ...(body !== undefined ? { data: body } : {}) });
      } catch (err) {
        const e = err as { code?: string; message?: string };
        if (e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT' || /timeout/i.test(e.message ?? '')) {
          throw new ArgoCdApiError(
            `Argo CD ${what}: no answer within ${this.options.timeoutMs ?? 15_000} ms`,
            'timeout',
          );
        }
        throw new ArgoCdApiError(`Argo CD ${what}: ${e.code ?? 'network error'} (${this.options.baseUrl})`, 'network');
      }
      const status = res.status;
      const retryable = method === 'GET' && (status === 429 || status >= 500);
      if (retryable && attempt < this.retries) {
        const retryAfter = Number(res.headers['retry-after']);
        await sleep(
          Number.isFinite(retryAfter) && retryAfter >= 0
            ? Math.min(retryAfter * 1000, 10_000)
            : this.backoffMs * 2 ** attempt,
        );
        continue;
      }
      const message = serverMessage(res.data);
      if (status === 401)
        throw new ArgoCdApiError(
          `Argo CD ${what}: unauthorized (401); set ARGOCD_AUTH_TOKEN or --argocd-token to a valid token`,
          'unauthorized',
          status,
        );
      if (status === 403)
        throw new ArgoCdApiError(
          `Argo CD ${what}: forbidden (403)${message}; the token's account lacks the RBAC permission`,
          'forbidden',
          status,
        );
      if (status === 404) throw new ArgoCdApiError(`Argo CD ${what}: not found (404)${message}`, 'not-found', status);
      if (status === 429)
        throw new ArgoCdApiError(
          `Argo CD ${what}: rate limited (429) after ${attempt + 1} attempts; retry later`,
          'rate-limited',
          status,
        );
      if (status >= 500)
        throw new ArgoCdApiError(
          `Argo CD ${what}: server error ${status}${message} after ${attempt + 1} attempts`,
          'server',
          status,
        );
      if (status < 200 || status >= 300)
        throw new ArgoCdApiError(`Argo CD ${what}: unexpected HTTP ${status}${message}`, 'invalid-response', status);
      try {
        return JSON.parse(String(res.data));
      } catch {
        throw new ArgoCdApiError(
          `Argo CD ${what}: response is not valid JSON (truncated?)`,
          'invalid-response',
          status,
        );
      }
    }
  }

  async listApplications(): Promise<ArgoApplication[]> {
    const body = (await this.call('GET', '/api/v1/applications')) as { items?: unknown } | null;
    if (!body || (body.items !== null && body.items !== undefined && !Array.isArray(body.items))) {
      throw new ArgoCdApiError('Argo CD GET /api/v1/applications: expected {"items": [...]}', 'invalid-response');
    }
    // Argo CD answers `"items": null` when there are no applications.
    const items = (body.items ?? []) as ArgoApplication[];
    for (const app of items) {
      if (typeof app?.metadata?.name !== 'string')
        throw new ArgoCdApiError('Argo CD GET /api/v1/applications: an item has no metadata.name', 'invalid-response');
    }
    return [...items].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  }

  async managedResources(application: string): Promise<ArgoResourceDiff[]> {
    const path = `/api/v1/applications/${encodeURIComponent(application)}/managed-resources`;
    const body = (await this.call('GET', path)) as { items?: unknown } | null;
    if (!body || (body.items !== null && body.items !== undefined && !Array.isArray(body.items))) {
      throw new ArgoCdApiError(`Argo CD GET ${path}: expected {"items": [...]}`, 'invalid-response');
    }
    return (body.items ?? []) as ArgoResourceDiff[];
  }

  async sync(application: string, request: SyncRequest = {}): Promise<ArgoApplication> {
    const path = `/api/v1/applications/${encodeURIComponent(application)}/sync`;
    const body = {
      name: application,
      ...(request.revision ? { revision: request.revision } : {}),
      prune: request.prune ?? false,
      dryRun: request.dryRun ?? false,
    };
    return (await this.call('POST', path, body)) as ArgoApplication;
  }
}

function serverMessage(data: unknown): string {
  try {
    const parsed = JSON.parse(String(data)) as { message?: unknown; error?: unknown };
    const m =
      typeof parsed.message === 'string' ? parsed.message : typeof parsed.error === 'string' ? parsed.error : '';
    return m ? `: ${m.slice(0, 200)}` : '';
  } catch {
    return '';
  }
}
