// The recorded OpenAPI semantics of the built-in kinds (generated/kube-openapi-semantics.json, written by
// `npm run drift:openapi` from a real kube-apiserver), loaded once.
import recorded from './generated/kube-openapi-semantics.json';
import { SemanticsIndex, type RecordedSemantics } from './openapi-semantics';

let index: SemanticsIndex | undefined;

export function builtInSemantics(): SemanticsIndex {
  index ??= new SemanticsIndex([recorded as unknown as RecordedSemantics]);
  return index;
}

/** The recording itself (to check it against a live server). */
export function recordedBuiltInSemantics(): RecordedSemantics {
  return recorded as unknown as RecordedSemantics;
}
