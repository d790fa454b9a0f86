// Which mustNotExist rule (if any) covers a key another manager added to an object.
import type { ObjectRef } from '@go-coffee/kube-objects';
import type { MustNotExistRule } from './ignore-rules-file';

/** The first rule (file order) whose group, kind and one of whose pointers cover `pointer` on `object`. */
export function mustNotExistRuleFor(
  rules: readonly MustNotExistRule[],
  object: ObjectRef,
  pointer: string,
): MustNotExistRule | undefined {
  return rules.find(
    (rule) =>
      rule.group === object.group &&
      rule.kind === object.kind &&
      rule.jsonPointers.some((p) => pointer === p || pointer.startsWith(`${p}/`)),
  );
}
