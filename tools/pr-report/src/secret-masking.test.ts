import { describe, expect, it } from 'vitest';
import { maskSecrets } from './secret-masking';

const secret = (password: string, extra = '') =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: go-coffee\ndata:\n  password: ${password}\n${extra}stringData:\n  user: admin\n`;

describe('maskSecrets', () => {
  it('replaces every data and stringData value so no value or encoding of it remains', () => {
    const masked = maskSecrets(secret('c2VjcmV0'));
    expect(masked).toBe(
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: go-coffee\ndata:\n  password: <masked>\nstringData:\n  user: <masked>\n',
    );
    expect(masked).not.toContain('c2VjcmV0');
    expect(masked).not.toContain('admin');
  });

  it('marks only the values that differ from the base as changed', () => {
    const head = maskSecrets(secret('bmV3', '  token: dG9r\n'), secret('b2xk'));
    expect(head).toContain('password: <masked:changed>');
    expect(head).toContain('user: <masked>\n');
    expect(head).toContain('token: <masked>\n');
    expect(head).not.toMatch(/bmV3|b2xk|dG9r|admin/);
  });

  it('leaves files without a Secret byte for byte as they are', () => {
    const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x # keep\ndata:\n  a: "1"\n';
    expect(maskSecrets(configMap, configMap)).toBe(configMap);
  });

  it('masks a Secret in a multi-document file and keeps the other documents', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n---\n${secret('c2VjcmV0')}`;
    const masked = maskSecrets(text);
    expect(masked).toContain('a: b');
    expect(masked).not.toContain('c2VjcmV0');
  });
});
