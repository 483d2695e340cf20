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

// The foundation: the model and every contract the layers share (host facts, findings, the report and run schemas,
// the connector interface and errors), config, TLS, logging, paths, exit errors, text helpers. It imports only itself.
const core = 'src/core';
// The rule kit: what a rule file may use besides the foundation.
const ruleKit = 'src/rules/kit';
// The rule engine: every file of src/rules outside the kit (registry, engine, catalogue, params, suppressions...).
// Listed from the folder: a zone's `from` cannot mix globs and paths.
const ruleEngine = readdirSync(`${root}/src/rules`)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
  .map((name) => `src/rules/${name}`);
// What a connector publishes for the lab: the wire formats its simulated peers must speak byte for byte.
const wireModules = ['connectors/hyperv/transport/winrm/wire.ts', 'connectors/hyperv/collector/wire.ts'];

// The application above the foundation, top first. Each layer may import the layers below it, never one above, so
// no two folders import each other (a cycle of type-only imports included, which import-x/no-cycle does not see).
const layers = [
  ['src/index.ts', 'src/main.ts', 'src/cli.ts'],
  ['src/commands'],
  ['src/audit'],
  ['src/scan'],
  ['src/diff'],
  ['src/report'],
  ruleEngine,
  ['rules'],
  [ruleKit],
];
const layerZones = layers
  .slice(1)
  .map((target, index) => ({
    target,
    from: layers.slice(0, index + 1).flat(),
    message: 'A layer imports only the layers below it (see eslint.config.js and docs/architecture.md).',
  }));

/** `target` imports nothing of the tree but the folders in `allowed` (and npm packages). */
const onlyImports = (target, allowed, message) => ({
  target,
  from: '.',
  except: [...allowed.map((path) => `./${path}`), './node_modules'],
  message,
});
/** Inside a connector, a lower folder never imports a higher one. */
const below = (target, higher, connector) => ({
  target: target.map((path) => `connectors/${connector}/${path}`),
  from: higher.map((path) => `connectors/${connector}/${path}`),
  message: `connectors/${connector} is layered (docs/architecture.md): a lower folder never imports a higher one.`,
});

const zones = [
  ...layerZones,
  onlyImports(core, [core], 'src/core is the floor: it imports only itself and npm packages.'),
  {
    target: `${core}/model`,
    from: core,
    except: ['./model'],
    message: 'src/core/model (host facts, findings) is the floor of the floor: it imports only itself.',
  },
  onlyImports(
    'connectors',
    ['connectors', core],
    'Connectors only collect facts: they import src/core and their own folder.',
  ),
  { target: 'connectors/esxi', from: 'connectors/hyperv', message: 'One connector never imports another.' },
  { target: 'connectors/hyperv', from: 'connectors/esxi', message: 'One connector never imports another.' },
  below(['vim25'], ['property', 'inventory', 'facts', 'index.ts', 'connect.ts', 'collect.ts'], 'esxi'),
  below(['property'], ['inventory', 'facts', 'index.ts', 'connect.ts', 'collect.ts'], 'esxi'),
  below(['inventory'], ['facts', 'index.ts', 'connect.ts', 'collect.ts'], 'esxi'),
  below(['facts'], ['index.ts', 'connect.ts', 'collect.ts'], 'esxi'),
  below(['collector'], ['facts', 'transport', 'index.ts'], 'hyperv'),
  below(['facts'], ['transport', 'index.ts'], 'hyperv'),
  below(['transport'], ['facts', 'index.ts'], 'hyperv'),
  onlyImports('rules', ['rules', core, ruleKit], 'A rule imports only src/core and the rule kit (src/rules/kit).'),
  onlyImports(ruleKit, [ruleKit, core], 'The rule kit imports only itself and src/core.'),
  { target: ruleEngine, from: 'connectors', message: 'The rule engine judges facts; it never imports a connector.' },
  {
    target: 'src/lab',
    from: 'connectors',
    except: wireModules.map((path) => `./${path.slice('connectors/'.length)}`),
    message: 'The lab imports of a connector only its wire module (connectors/**/wire.ts), never its internals.',
  },
  {
    // Every file outside the lab except the two commands that start it. The bench and the tests are not targets.
    target: [
      core,
      ...layers.flat().filter((path) => path !== 'src/commands'),
      'src/commands/!(lab|demo).ts',
      'connectors',
      'scripts',
    ],
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
      // The tree matches control characters on purpose: escaping hostile strings (core/text/escape.ts,
      // report/html/template.ts, diff/text.ts, core/terminal.ts, lab/summary.ts) and reading ANSI colours in the
      // terminal tests.
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
