// Reads /openapi/v3 from an API server and compiles the semantics of the group/versions asked for. Used at
// drift time for custom resources (their CRD schemas) and by `npm run drift:openapi` for the recording of
// the built-in kinds.
import { compileOpenApiSemantics, type OpenApiV3Document, type RecordedSemantics } from './openapi-semantics';

/** GET returning status and parsed JSON body (KubeApiClient.get has this shape). */
export type JsonGet = (path: string) => Promise<{ status: number; body: unknown }>;

interface OpenApiIndex {
  readonly paths?: Readonly<Record<string, { readonly serverRelativeURL?: string }>>;
}

/** `v1` → `api/v1`, `apps/v1` → `apis/apps/v1`: the key of a group/version in the /openapi/v3 index. */
export function openApiPathOf(apiVersion: string): string {
  return apiVersion.includes('/') ? `apis/${apiVersion}` : `api/${apiVersion}`;
}

export class OpenApiSemanticsReader {
  private index: Promise<OpenApiIndex> | undefined;

  constructor(private readonly get: JsonGet) {}

  private async openApiIndex(): Promise<OpenApiIndex> {
    this.index ??= this.get('/openapi/v3').then(({ status, body }) => {
      if (status !== 200 || body === null || typeof body !== 'object')
        throw new Error(`GET /openapi/v3: HTTP ${status}; the API server must serve OpenAPI v3 (Kubernetes >= 1.27)`);
      return body as OpenApiIndex;
    });
    return this.index;
  }

  /** The /openapi/v3 index keys, e.g. `api/v1`, `apis/apps/v1`. */
  async paths(): Promise<string[]> {
    return Object.keys((await this.openApiIndex()).paths ?? {}).sort();
  }

  /** Semantics of every kind in the given index paths (missing paths are skipped). */
  async compile(paths: readonly string[], source: string): Promise<RecordedSemantics> {
    const index = await this.openApiIndex();
    const documents: OpenApiV3Document[] = [];
    for (const path of [...paths].sort()) {
      const url = index.paths?.[path]?.serverRelativeURL;
      if (!url) continue;
      const { status, body } = await this.get(url);
      if (status !== 200 || body === null || typeof body !== 'object')
        throw new Error(`GET ${url.replace(/\?.*$/, '')}: HTTP ${status}`);
      documents.push(body as OpenApiV3Document);
    }
    return compileOpenApiSemantics(documents, source);
  }
}

/** The semantics of every built-in group/version the server serves (what `npm run drift:openapi` records). */
export async function recordBuiltInSemantics(
  get: JsonGet,
  isBuiltInGroup: (group: string) => boolean,
): Promise<RecordedSemantics> {
  const version = await get('/version');
  const gitVersion = (version.body as { gitVersion?: string } | undefined)?.gitVersion ?? 'unknown';
  const reader = new OpenApiSemanticsReader(get);
  const paths = (await reader.paths()).filter((p) => {
    const m = /^(?:api\/v1|apis\/([^/]+)\/[^/]+)$/.exec(p);
    return m !== null && isBuiltInGroup(m[1] ?? '');
  });
  return reader.compile(paths, `kube-apiserver ${gitVersion} /openapi/v3`);
}
