// KEDA TriggerAuthentication whose parameters come from one Secret (created by an ExternalSecret), so a scaler
// can authenticate the way the workload does without any credential in Git.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { assertDnsLabel, assertDnsSubdomain } from './kubernetes-names';
import { objectMetadata } from './object-metadata';

export interface SecretTriggerAuthenticationProps {
  /** metadata.name; triggers reference it in `authenticationRef`. */
  readonly name: string;
  /**
   * @default the chart's namespace
   */
  readonly namespace?: string;
  /** Secret in the same namespace that holds the values. */
  readonly secretName: string;
  /** Scaler parameter (e.g. `username`) → key of the Secret; at least one. */
  readonly parameters: Readonly<Record<string, string>>;
  /**
   * Labels on the TriggerAuthentication.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Renders a `keda.sh/v1alpha1` TriggerAuthentication with one `secretTargetRef` per parameter, sorted. */
export class SecretTriggerAuthentication extends Construct {
  public readonly apiObject: ApiObject;
  public readonly name: string;

  constructor(scope: Construct, id: string, props: SecretTriggerAuthenticationProps) {
    super(scope, id);
    const where = `TriggerAuthentication "${props.name}"`;
    assertDnsLabel(props.name, `${where}: name`);
    assertDnsSubdomain(props.secretName, `${where}: secretName`);
    const parameters = Object.keys(props.parameters).sort();
    if (parameters.length === 0) {
      throw new Error(`${where}: no parameters; map at least one scaler parameter to a key of "${props.secretName}"`);
    }
    this.name = props.name;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'TriggerAuthentication',
      metadata: objectMetadata(props),
      spec: {
        secretTargetRef: parameters.map((parameter) => ({
          key: props.parameters[parameter]!,
          name: props.secretName,
          parameter,
        })),
      },
    });
  }
}
