// The metadata every construct here writes: optional namespace and labels are left out when unset rather
// than rendered as empty values, so output stays minimal and byte-stable.

export interface ObjectMetadataProps {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export function objectMetadata(props: ObjectMetadataProps): {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
} {
  return {
    name: props.name,
    ...(props.namespace === undefined ? {} : { namespace: props.namespace }),
    ...(props.labels === undefined || Object.keys(props.labels).length === 0 ? {} : { labels: { ...props.labels } }),
  };
}
