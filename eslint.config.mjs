// Lint for the whole workspace. The module-boundary rule is what keeps the architecture honest:
// apps may use libs, tools may use libs, nothing imports an app, and scopes only meet through `scope:shared`.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import js from '@eslint/js';

export default [
  {
    ignores: ['**/node_modules/**', '**/dist/**', '.tools/**', '.nx/**', 'gitops/**', 'coverage/**', 'tmp/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The .mjs entry points (bin/ launchers, the toolchain installer, this file) run on bare Node, whose
    // globals the recommended rules do not know.
    files: ['**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
  {
    plugins: { '@nx': nx },
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:config'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:config'] },
            { sourceTag: 'type:config', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:policy', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:cluster', onlyDependOnLibsWithTags: ['scope:shared', 'scope:cluster'] },
            {
              // Rendering validates its output against a real control plane (server-side dry run).
              sourceTag: 'scope:render',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:render', 'scope:environments', 'scope:cluster'],
            },
            { sourceTag: 'scope:environments', onlyDependOnLibsWithTags: ['scope:shared', 'scope:environments'] },
            {
              // The Pod Security samples are checked against a real kube-apiserver's PodSecurity admission.
              sourceTag: 'scope:policy',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:policy', 'scope:environments', 'scope:cluster'],
            },
            {
              sourceTag: 'scope:sync',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:sync', 'scope:cluster', 'scope:environments'],
            },
            {
              sourceTag: 'scope:delivery',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                // The CI entry points' tests run gitops-sync against a real control plane.
                'scope:cluster',
                'scope:delivery',
                'scope:render',
                'scope:policy',
                'scope:environments',
                'scope:sync',
              ],
            },
            { sourceTag: 'scope:toolchain', onlyDependOnLibsWithTags: ['scope:shared'] },
            {
              // The Argo CD end-to-end test renders a test environment, runs a local control plane and Argo CD,
              // and drives gitops-sync against them.
              sourceTag: 'scope:e2e',
              onlyDependOnLibsWithTags: [
                'scope:shared',
                'scope:cluster',
                'scope:render',
                'scope:environments',
                'scope:sync',
              ],
            },
          ],
        },
      ],
    },
  },
];
