// Read-only HTTPS client for the Kubernetes API: discovery and paginated LISTs over keep-alive
// connections with the kubeconfig's credentials. It has no method that writes. Measured against
// @kubernetes/client-node in the README: a plain node https agent is what this needs (GET + JSON) and
// keeps the dependency tree small.
import { Agent, request } from 'node:https';
import type { ClusterCredentials } from './kubeconfig';
import type { KubeObject } from '@go-coffee/kube-objects';

export interface ApiResource {
  readonly apiVersion: string;
  readonly group: string;
  readonly kind: string;
  /** Plural resource name, e.g. `deployments`. */
  readonly resource: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
}

/** A refused or failed API call; the message names the kind, the namespace and the missing verb. */
export class KubeApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'KubeApiError';
  }
}

export interface KubeApiClientOptions {
  /**
   * Items per LIST page (`limit`). Memory in flight is about concurrency × page size live objects (with
   * their managedFields), so the default is half of kubectl's 500. @default 250
   */
  readonly pageSize?: number;
  /** Per-request timeout. @default 30_000 */
  readonly timeoutMs?: number;
  /** Sockets kept open to the API server. @default 8 */
  readonly maxSockets?: number;
}

interface DiscoveryList {
  resources?: { name: string; kind: string; namespaced: boolean; verbs?: string[] }[];
}

interface AggregatedDiscovery {
  kind?: string;
  items?: {
    metadata?: { name?: string };
    versions?: {
      version: string;
      resources?: { resource: string; responseKind?: { kind?: string }; scope?: string; verbs?: string[] }[];
    }[];
  }[];
}

/** Aggregated discovery (one document per root), falling back to the legacy documents. */
const AGGREGATED_DISCOVERY =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;q=0.9';
/** Metadata-only lists: names, labels, annotations; far smaller than whole objects. */
const PARTIAL_OBJECT_METADATA_LIST =
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json;q=0.9';

export class KubeApiClient {
  /** Number of HTTP requests sent (for the benchmark and the report). */
  requests = 0;
  private readonly agent: Agent;
  private readonly discovery = new Map<string, Promise<DiscoveryList | undefined>>();
  private readonly pageSize: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly creds: ClusterCredentials,
    options: KubeApiClientOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 250;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: options.maxSockets ?? 8,
      ...(creds.ca ? { ca: creds.ca } : {}),
      ...(creds.cert ? { cert: creds.cert } : {}),
      ...(creds.key ? { key: creds.key } : {}),
      rejectUnauthorized: !creds.insecureSkipTlsVerify,
    });
  }

  get server(): string {
    return this.creds.server;
  }

  close(): void {
    this.agent.destroy();
  }

  private headers(accept: string): Record<string, string | string[]> {
    const h: Record<string, string | string[]> = {
      accept,
      'user-agent': 'gitops-sync/drift (read-only)',
    };
    if (this.creds.token) h.authorization = `Bearer ${this.creds.token}`;
    if (this.creds.impersonateUser) h['impersonate-user'] = this.creds.impersonateUser;
    if (this.creds.impersonateGroups) h['impersonate-group'] = [...this.creds.impersonateGroups];
    return h;
  }

  /** GET a JSON document; resolves with the status and the parsed body (undefined when not JSON). */
  get(path: string, accept = 'application/json'): Promise<{ status: number; body: unknown }> {
    this.requests += 1;
    const url = new URL(path, this.creds.server);
    return new Promise((resolveGet, reject) => {
      const req = request(
        url,
        { method: 'GET', agent: this.agent, headers: this.headers(accept), timeout: this.timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown;
            try {
              body = text ? JSON.parse(text) : undefined;
            } catch {
              if ((res.statusCode ?? 0) < 300) {
                reject(
                  new KubeApiError(
                    `GET ${url.pathname}: response is not valid JSON (${chunks.length} chunks, truncated?)`,
                    res.statusCode ?? 0,
                  ),
                );
                return;
              }
            }
            resolveGet({ status: res.statusCode ?? 0, body });
          });
        },
      );
      req.on('timeout', () =>
        req.destroy(
          new KubeApiError(`GET ${url.pathname}: no answer from ${this.creds.server} within ${this.timeoutMs} ms`, 0),
        ),
      );
      req.on('error', (err) =>
        reject(
          err instanceof KubeApiError
            ? err
            : new KubeApiError(`GET ${url.pathname} on ${this.creds.server} failed: ${err.message}`, 0),
        ),
      );
      req.end();
    });
  }

  private groupVersionPath(apiVersion: string): string {
    return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  }

  /** Resolves kind → resource via discovery (one request per group/version); undefined when not served. */
  async resourceFor(apiVersion: string, kind: string): Promise<ApiResource | undefined> {
    let pending = this.discovery.get(apiVersion);
    if (!pending) {
      pending = this.get(this.groupVersionPath(apiVersion)).then(({ status, body }) => {
        if (status === 404) return undefined;
        if (status === 401)
          throw new KubeApiError(
            `discovery of ${apiVersion}: unauthorized (HTTP 401); check the kubeconfig credentials`,
            status,
          );
        if (status !== 200)
          throw new KubeApiError(`discovery of ${apiVersion} failed: HTTP ${status} ${statusMessage(body)}`, status);
        return body as DiscoveryList;
      });
      this.discovery.set(apiVersion, pending);
    }
    const list = await pending;
    const found = list?.resources?.find((r) => r.kind === kind && !r.name.includes('/'));
    if (!found) return undefined;
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    return { apiVersion, group, kind, resource: found.name, namespaced: found.namespaced, verbs: found.verbs ?? [] };
  }

  /**
   * Every kind the server serves that can be listed, in its preferred version, subresources left out: one
   * request per discovery root with aggregated discovery (Kubernetes >= 1.30), else one per group/version.
   */
  async listableResources(): Promise<ApiResource[]> {
    const out: ApiResource[] = [];
    for (const root of ['/api', '/apis']) {
      const { status, body } = await this.get(root, AGGREGATED_DISCOVERY);
      if (status !== 200)
        throw new KubeApiError(`discovery ${root} failed: HTTP ${status} ${statusMessage(body)}`, status);
      const aggregated = body as AggregatedDiscovery | undefined;
      if (aggregated?.kind === 'APIGroupDiscoveryList' && Array.isArray(aggregated.items)) {
        for (const group of aggregated.items) {
          const preferred = group.versions?.[0];
          if (!preferred) continue;
          const groupName = group.metadata?.name ?? '';
          const apiVersion = groupName ? `${groupName}/${preferred.version}` : preferred.version;
          for (const r of preferred.resources ?? []) {
            if (!r.verbs?.includes('list') || !r.responseKind?.kind) continue;
            out.push({
              apiVersion,
              group: groupName,
              kind: r.responseKind.kind,
              resource: r.resource,
              namespaced: r.scope === 'Namespaced',
              verbs: r.verbs,
            });
          }
        }
        continue;
      }
      // Legacy discovery: /api lists versions, /apis lists groups with their preferred version.
      const versions =
        root === '/api'
          ? ((body as { versions?: string[] } | undefined)?.versions ?? []).slice(0, 1)
          : ((body as { groups?: { preferredVersion?: { groupVersion?: string } }[] } | undefined)?.groups ?? [])
              .map((g) => g.preferredVersion?.groupVersion)
              .filter((v): v is string => typeof v === 'string');
      for (const apiVersion of versions) {
        const { status: s2, body: list } = await this.get(this.groupVersionPath(apiVersion));
        if (s2 !== 200) continue;
        const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
        for (const r of (list as DiscoveryList).resources ?? []) {
          if (r.name.includes('/') || !r.verbs?.includes('list')) continue;
          out.push({ apiVersion, group, kind: r.kind, resource: r.name, namespaced: r.namespaced, verbs: r.verbs });
        }
      }
    }
    return out.sort((a, b) => (`${a.group}/${a.kind}` < `${b.group}/${b.kind}` ? -1 : 1));
  }

  /**
   * One paginated LIST (limit/continue) of a resource in a namespace ('' = cluster scope, or every namespace
   * for a namespaced kind); each page's items go to `onItems` and are not kept, so memory is bounded by the
   * page size. With `metadataOnly`, items are PartialObjectMetadata (apiVersion/kind set to the listed kind);
   * `fieldSelector` narrows the list on the server (e.g. `metadata.namespace!=a,metadata.namespace!=b`).
   */
  async list(
    resource: ApiResource,
    namespace: string,
    onItems: (items: KubeObject[]) => void,
    options: { readonly metadataOnly?: boolean; readonly fieldSelector?: string } = {},
  ): Promise<void> {
    const base = `${this.groupVersionPath(resource.apiVersion)}${namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ''}/${resource.resource}`;
    const where = `${resource.group ? `${resource.group}/` : ''}${resource.kind} (${resource.resource})${namespace ? ` in namespace ${namespace}` : resource.namespaced ? ' in all namespaces' : ''}`;
    const accept = options.metadataOnly ? PARTIAL_OBJECT_METADATA_LIST : 'application/json';
    let continueToken: string | undefined;
    do {
      const query = new URLSearchParams({ limit: String(this.pageSize) });
      if (options.fieldSelector) query.set('fieldSelector', options.fieldSelector);
      if (continueToken) query.set('continue', continueToken);
      const { status, body } = await this.get(`${base}?${query.toString()}`, accept);
      if (status === 403) {
        throw new KubeApiError(
          `forbidden: the identity may not "list" ${where} (${statusMessage(body)}); grant the verb "list" on ${resource.resource} to the drift role`,
          status,
        );
      }
      if (status === 401)
        throw new KubeApiError(
          `unauthorized listing ${where} (HTTP 401): the kubeconfig credentials were rejected`,
          status,
        );
      if (status === 410)
        throw new KubeApiError(
          `listing ${where}: the continue token expired (HTTP 410) while paging; run again`,
          status,
        );
      if (status !== 200)
        throw new KubeApiError(`listing ${where} failed: HTTP ${status} ${statusMessage(body)}`, status);
      const page = body as { kind?: string; items?: KubeObject[] | null; metadata?: { continue?: string } };
      // A PartialObjectMetadataList leaves `items` out when it is empty.
      if (page?.kind === 'PartialObjectMetadataList' && (page.items === undefined || page.items === null))
        page.items = [];
      if (!page || !Array.isArray(page.items))
        throw new KubeApiError(`listing ${where}: the response has no items list`, status);
      // Lists leave apiVersion/kind off their items; metadata-only items say PartialObjectMetadata.
      for (const item of page.items as KubeObject[]) {
        if (options.metadataOnly) {
          item.apiVersion = resource.apiVersion;
          item.kind = resource.kind;
        } else {
          item.apiVersion ??= resource.apiVersion;
          item.kind ??= resource.kind;
        }
      }
      onItems(page.items as KubeObject[]);
      continueToken = page.metadata?.continue || undefined;
    } while (continueToken);
  }
}

function statusMessage(body: unknown): string {
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : '';
}
