// The field paths a source map records (`spec.template.spec.containers[0].image`, `data["app.yaml"]`): one
// spelling for the writer (render) and the reader (`where`), so a path written is a path found.

/** The path of `key` under the field `parent` ('' for the object itself). */
export function childFieldPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (!/^[A-Za-z_$][\w$-]*$/.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === '' ? key : `${parent}.${key}`;
}
