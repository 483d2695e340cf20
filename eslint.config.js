// `npm run lint`: the recommended rules of ESLint and typescript-eslint, no import cycles, and the layer rules below.
// One file on purpose. docs/architecture.md draws the layers these rules enforce; when a layer changes, change both.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Zone paths are relative to the project root, from whatever directory eslint runs. A folder stands for every file in
// it; a glob is matched against absolute paths.
const root = import.meta.dirname;

// The foundation (planned to become src/core): the model and the contracts every layer shares. The connector
// contract (interface and errors) still lives in connectors/ and counts as foundation.
const foundation = [
  'src/model',
  'src/config',
  'src/net',
  'src/log',
  'src/text',
  'src/paths.ts',
  'src/errors.ts',
  'src/terminal.ts',
  'src/interrupt.ts',
  'connectors/errors.ts',
  'connectors/types.ts',
];
// The rule kit: what a rule file may use besides the model.
const ruleKit = [
  'src/rules/define.ts',
  'src/rules/esxi-facts.ts',
  'src/rules/esxi-network.ts',
  'src/rules/esxi-service.ts',
  'src/rules/advanced-option.ts',
  'src/rules/helpers.ts',
  'src/rules/baselines.ts',
  'src/rules/advisories.ts',
  'src/rules/vlan-sharing.ts',
];
// The rule engine: every other file of src/rules (registry, engine, catalogue, params, suppressions...). Listed from the
// folder, so a new file there is engine until it is added to the kit above. (A zone's `from` cannot mix globs and paths.)
const ruleEngine = readdirSync(`${root}/src/rules`)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
  .map((name) => `src/rules/${name}`)
  .filter((path) => !ruleKit.includes(path));

// The application above the foundation, top first. Each layer may import the layers below it, never one above, so
// no two folders import each other (a cycle of type-only imports included, which import-x/no-cycle does not see).
const layers = [
  ['src/index.ts', 'src/cli.ts'],
  ['src/commands'],
  ['src/audit'],
  ['src/scan'],
  ['src/diff'],
  ['src/report'],
  ruleEngine,
  ['rules'],
  ruleKit,
];
const layerZones = layers.slice(1).map((target, index) => ({
  target,
  from: layers.slice(0, index + 1).flat(),
  message: 'A layer imports only the layers below it (see eslint.config.js and docs/architecture.md).',
}));

const zones = [
  ...layerZones,
  {
    target: 'src/model',
    from: '.',
    except: ['./src/model', './node_modules'],
    message: 'src/model is the floor: it imports only itself and npm packages.',
  },
  {
    target: foundation,
    from: [...layers.flat(), 'src/lab', 'bench', 'test'],
    message: 'The foundation imports no layer above it.',
  },
  {
    target: foundation,
    from: 'connectors',
    except: ['./errors.ts', './types.ts'],
    message: 'The foundation knows the connector contract (connectors/types.ts, connectors/errors.ts), no connector.',
  },
  {
    target: 'connectors',
    from: [...layers.flat(), 'src/lab', 'bench', 'test'],
    message: 'Connectors only collect facts: they import the foundation, never the application, the rules or the lab.',
  },
  {
    target: [...layers.slice(layers.indexOf(ruleEngine)).flat()],
    from: 'connectors',
    message: 'Rules and the rule engine judge facts; they never import a connector.',
  },
  {
    // Every file outside the lab except the two commands that start it. The bench and the tests are not targets.
    target: [...foundation, ...layers.flat().filter((path) => path !== 'src/commands'), 'src/commands/!(lab|demo).ts', 'connectors', 'scripts'],
    from: 'src/lab',
    message: 'The lab (simulators) is imported only by the lab and demo commands, the bench and the tests.',
  },
];

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'test-artifacts/', '.vitest-tmp/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      // import-x reads an imported module only if its extension is listed and a parser is named for it; without these
      // two settings no-cycle silently sees no TypeScript module at all.
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${root}/tsconfig.json` })],
    },
    rules: {
      // Omitting keys by destructuring (`const { hosts: _, ...rest } = report`) is how the tree drops fields.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // A variable read by a closure before its one assignment (the logger's level filter) cannot be const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // The tree matches control characters on purpose: escaping hostile strings (report/escape.ts,
      // report/html/template.ts, diff/text.ts, terminal.ts, lab/summary.ts) and reading ANSI colours in the terminal tests.
      'no-control-regex': 'off',
      // Runtime cycles between files. Type-only imports are not followed; the layer zones catch folder cycles.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
    },
  },
  {
    // Tests walk parsed SOAP/XML and JSON replies whose shape is what they assert; typing each reply adds nothing.
    files: ['test/**', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests (test/ and the *.test.ts beside the code) may import any layer, the lab included.
    files: ['src/**', 'connectors/**', 'rules/**', 'scripts/**', 'bench/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { basePath: root, zones }] },
  },
);
