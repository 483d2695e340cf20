import { ESLint } from 'eslint';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layer rules of eslint.config.js, checked on code written as if it stood at a real path in the tree: each layer
// breach is reported, the imports the layers allow are not. (`npm run lint` checks the tree itself.)
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const importOf = (specifier: string) => `import type * as imported from '${specifier}';\nexport type Imported = typeof imported;\n`;

describe('eslint.config.js layer rules', () => {
  it.each([
    ['a connector importing the scan engine', 'connectors/esxi/collect.ts', '../../src/scan/engine.js'],
    ['a connector importing a rule', 'connectors/hyperv/index.ts', '../../rules/index.js'],
    ['a rule importing a connector', 'rules/esxi-ntp-servers.ts', '../connectors/index.js'],
    ['a rule importing the rule engine', 'rules/esxi-ntp-servers.ts', '../src/rules/engine.js'],
    ['a rule importing the report', 'rules/esxi-ntp-servers.ts', '../src/report/schema.js'],
    ['the model importing the config', 'src/core/model/host.ts', '../config/schema.js'],
    ['the foundation importing a connector', 'src/core/config/secrets.ts', '../../connectors/esxi/index.js'],
    ['the report importing the scan engine (type only)', 'src/report/build.ts', '../scan/types.js'],
    ['the report importing the diff', 'src/report/html.ts', '../diff/index.js'],
    ['the rule engine importing the report', 'src/rules/catalogue.ts', '../report/schema.js'],
    ['a command importing the CLI', 'src/commands/scan.ts', '../cli.js'],
    ['the scan engine importing the lab', 'src/scan/engine.ts', '../lab/index.js'],
    ['the scan command importing the lab', 'src/commands/scan.ts', '../lab/index.js'],
  ])('reports %s', async (_, file, specifier) => {
    expect(await problems(file, importOf(specifier))).toEqual([expect.stringMatching(/^import-x\/no-restricted-paths: /)]);
  });

  it.each([
    ['a rule importing the kit and the model', 'rules/esxi-ntp-servers.ts', ['../src/rules/define.js', '../src/model/index.js']],
    ['a connector importing the model, config and its contract', 'connectors/esxi/collect.ts', ['../../src/core/model/index.js', '../../src/core/config/schema.js', '../types.js']],
    ['the foundation importing the connector contract', 'src/core/config/secrets.ts', ['../../src/core/connector/types.js', '../../src/core/connector/errors.js']],
    ['the scan engine importing the report and the rule engine', 'src/scan/engine.ts', ['../report/collected.js', '../rules/engine.js']],
    ['the lab and demo commands importing the lab', 'src/commands/demo.ts', ['../lab/index.js']],
    ['a test importing the lab', 'test/lab/anything.test.ts', ['../../src/lab/index.js']],
  ])('allows %s', async (_, file, specifiers) => {
    const code = specifiers.map((s, i) => `import type * as m${i} from '${s}';\nexport type M${i} = typeof m${i};\n`).join('');
    expect(await problems(file, code)).toEqual([]);
  });

  it('reports a runtime import cycle between files', async () => {
    // src/rules/suppressions.ts imports src/core/text/pattern.ts at run time; importing it back closes a cycle.
    const code = "import { loadSuppressions } from '../rules/suppressions.js';\nexport const load = loadSuppressions;\n";
    expect(await problems('src/core/text/pattern.ts', code)).toContain('import-x/no-cycle: Dependency cycle detected');
  });
});
