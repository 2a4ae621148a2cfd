// Flat ESLint config: Next.js rules, TypeScript rules, and the import-direction zones of
// docs/ARCHITECTURE.md (enforced by lint, not by vigilance).
import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

/** `target` may not import from `from`. */
const zones = [
  // The model is pure: only snapshot record types.
  { target: './lib/model', from: ['./lib/k8s', './lib/server', './lib/graph', './lib/demo', './app', './components', './bin', './scripts'] },
  { target: './lib/snapshot', from: ['./lib/k8s', './lib/server', './lib/graph', './lib/demo', './app', './components', './bin', './scripts'] },
  { target: './lib/graph', from: ['./lib/k8s', './lib/server', './app', './components', './bin'] },
  { target: './lib/k8s', from: ['./lib/server', './lib/graph', './app', './components', './bin'] },
  { target: './lib/server', from: ['./lib/graph', './app', './components', './bin'] },
  // Learn mode is pure like the model (tours are language-neutral: keys, parameters, element IDs).
  { target: './lib/learn', from: ['./lib/k8s', './lib/server', './lib/graph', './lib/demo', './lib/i18n', './app', './components', './bin', './scripts'] },
  // The message catalogues and i18n setup depend on nothing of ours.
  { target: './lib/i18n', from: ['./lib/k8s', './lib/server', './lib/graph', './lib/demo', './lib/model', './lib/snapshot', './lib/learn', './app', './components', './bin', './scripts'] },
  // The browser never sees the Kubernetes client or server code.
  { target: './components', from: ['./lib/k8s', './lib/server', './app', './bin'] },
];

const config = [
  { ignores: ['.next/**', 'node_modules/**', 'tools/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    // Tests may use fixtures from anywhere (e.g. model tests read the demo clusters).
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['**/*.test.ts', '**/test-builders.ts'],
    rules: { 'import/no-restricted-paths': ['error', { zones }] },
  },
  {
    rules: {
      // Cluster text is data, never markup (quality-and-scale.md §1.6).
      'react/no-danger': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'innerHTML is banned: set text with textContent or React text nodes.' },
        { selector: "AssignmentExpression[left.property.name='outerHTML']", message: 'outerHTML is banned.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'insertAdjacentHTML is banned.' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // @kubernetes/client-node only inside lib/k8s.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['lib/k8s/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@kubernetes/client-node', message: 'Only lib/k8s may import the Kubernetes client.' }] }],
    },
  },
];

export default config;
