// The API server defaults of api-defaults.ts: which kinds get them, and where filled fields land among the
// keys (the loader's JSON text of a normalized manifest is built from that order).
import { describe, expect, it } from 'vitest';
import { applyApiDefaults } from './api-defaults';

const deployment = (apiVersion: string) => ({
  apiVersion,
  kind: 'Deployment',
  metadata: { name: 'api' },
  spec: {
    selector: { matchLabels: { app: 'api' } },
    template: { spec: { serviceAccountName: 'api', containers: [{ name: 'api', image: 'api:latest' }] } },
  },
});

describe('applyApiDefaults', () => {
  it('fills a Deployment’s defaults after the fields git sets, in the order the defaults are listed', () => {
    const obj: Record<string, unknown> = deployment('apps/v1');
    applyApiDefaults(obj);
    expect(JSON.stringify(obj.spec)).toBe(
      JSON.stringify({
        selector: { matchLabels: { app: 'api' } },
        template: {
          spec: {
            serviceAccountName: 'api',
            containers: [
              {
                name: 'api',
                image: 'api:latest',
                terminationMessagePath: '/dev/termination-log',
                terminationMessagePolicy: 'File',
                imagePullPolicy: 'Always',
              },
            ],
            serviceAccount: 'api',
            restartPolicy: 'Always',
            terminationGracePeriodSeconds: 30,
            dnsPolicy: 'ClusterFirst',
            securityContext: {},
            schedulerName: 'default-scheduler',
          },
        },
        replicas: 1,
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      }),
    );
  });

  it('leaves a kind of the same name in another group untouched', () => {
    const obj = deployment('example.com/v1');
    const before = JSON.stringify(obj);
    applyApiDefaults(obj);
    expect(JSON.stringify(obj)).toBe(before);
  });

  it('keeps values git sets, and fills only null or absent ones', () => {
    const obj: Record<string, unknown> = deployment('apps/v1');
    Object.assign(obj.spec as object, { replicas: 0, revisionHistoryLimit: null });
    applyApiDefaults(obj);
    expect(obj.spec).toMatchObject({ replicas: 0, revisionHistoryLimit: 10 });
  });
});
