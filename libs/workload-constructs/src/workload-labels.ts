// The labels that identify a workload. Selectors use only name + component (both immutable for the life of
// a Deployment); owner and data classification are for people and policies (who to page, which objects fall
// under PCI-DSS or GDPR scope) and may change without re-creating anything.
import { assertLabelValue } from './kubernetes-names';

export const LABEL_NAME = 'app.kubernetes.io/name';
export const LABEL_COMPONENT = 'app.kubernetes.io/component';
export const LABEL_OWNER = 'go-coffee.io/owner';
export const LABEL_DATA_CLASSIFICATION = 'go-coffee.io/data-classification';

/** pci: handles cardholder or payment data; gdpr: handles personal data; internal: neither. */
export type DataClassification = 'pci' | 'gdpr' | 'internal';

const DATA_CLASSIFICATIONS: readonly DataClassification[] = ['pci', 'gdpr', 'internal'];

export interface WorkloadIdentityLabels {
  /** `app.kubernetes.io/name`, usually the service name, e.g. `user-gateway`. */
  readonly name: string;
  /** `app.kubernetes.io/component`, the role inside the platform, e.g. `gateway` or `event-function`. */
  readonly component: string;
  /** `go-coffee.io/owner`: the team that is paged for this workload. */
  readonly owner: string;
  /** `go-coffee.io/data-classification`. */
  readonly dataClassification: DataClassification;
}

/** Validates the identity and returns all four labels, for object metadata and pod templates. */
export function workloadLabels(identity: WorkloadIdentityLabels): Record<string, string> {
  assertLabelValue(identity.name, 'workload name');
  assertLabelValue(identity.component, `component of workload "${identity.name}"`);
  assertLabelValue(identity.owner, `owner of workload "${identity.name}"`);
  if (!DATA_CLASSIFICATIONS.includes(identity.dataClassification)) {
    throw new Error(
      `data classification of workload "${identity.name}" is "${String(identity.dataClassification)}": ` +
        `expected one of ${DATA_CLASSIFICATIONS.join(', ')}`,
    );
  }
  return {
    [LABEL_NAME]: identity.name,
    [LABEL_COMPONENT]: identity.component,
    [LABEL_OWNER]: identity.owner,
    [LABEL_DATA_CLASSIFICATION]: identity.dataClassification,
  };
}

/** The pod selector of a workload: name + component only. */
export function selectorLabels(identity: Pick<WorkloadIdentityLabels, 'name' | 'component'>): Record<string, string> {
  return { [LABEL_NAME]: identity.name, [LABEL_COMPONENT]: identity.component };
}
