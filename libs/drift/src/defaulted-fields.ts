// The fields kube-apiserver fills in when a hand-written manifest leaves them out, for the built-in kinds
// whose defaults the OpenAPI does not state (they live in the server's Go defaulting functions). Each entry
// names the hand-written fixture it was observed on (tools/gitops-sync/test-fixtures/hand-written) and is
// checked against a real kube-apiserver, one test per entry (drift-hand-written-manifests.test.ts): the
// field is absent in the fixture, the server stores exactly `value`, and normalization (api-defaults.ts)
// predicts the same value. A server upgrade that changes a default fails that entry's test.

export interface DefaultedField {
  /** `apiVersion Kind`, e.g. `v1 LimitRange`. */
  readonly kind: string;
  /** Plural resource name, for reading the object back. */
  readonly resource: string;
  /** File in test-fixtures/hand-written holding the minimal object. */
  readonly fixture: string;
  /** JSON pointer of the defaulted field. */
  readonly pointer: string;
  /** What the API server stores there. */
  readonly value: unknown;
}

export const DEFAULTED_FIELDS: readonly DefaultedField[] = [];
