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

const importOf = (specifier: string) =>
  `import type * as imported from '${specifier}';\nexport type Imported = typeof imported;\n`;

describe('eslint.config.js layer rules', () => {
  it.each([
    // src/core: the floor imports only itself.
    ['the foundation importing the scan engine', 'src/core/config/secrets.ts', '../../scan/engine.js'],
    ['the foundation importing a connector', 'src/core/connector/types.ts', '../../../connectors/esxi/index.js'],
    ['the foundation importing the rule kit', 'src/core/report/schema.ts', '../../rules/kit/define.js'],
    ['the foundation importing the lab', 'src/core/net/tls.ts', '../../lab/index.js'],
    ['the model importing the config', 'src/core/model/host.ts', '../config/schema.js'],
    // Connectors import only src/core and their own folder, layer by layer.
    ['a connector importing the scan engine', 'connectors/esxi/collect.ts', '../../src/scan/engine.js'],
    ['a connector importing a rule', 'connectors/hyperv/index.ts', '../../rules/index.js'],
    ['a connector importing the rule kit', 'connectors/esxi/facts/cpu.ts', '../../../src/rules/kit/esxi-facts.js'],
    ['a connector importing another connector', 'connectors/esxi/collect.ts', '../hyperv/facts/facts.js'],
    ['ESXi vim25 importing the property collector', 'connectors/esxi/vim25/session.ts', '../property/property.js'],
    [
      'the ESXi property collector importing the inventory',
      'connectors/esxi/property/property.ts',
      '../inventory/retrieve.js',
    ],
    ['the ESXi inventory importing the facts', 'connectors/esxi/inventory/retrieve.ts', '../facts/index.js'],
    ['the ESXi facts importing the connector entry', 'connectors/esxi/facts/index.ts', '../collect.js'],
    ['the Hyper-V collector importing the facts', 'connectors/hyperv/collector/parse.ts', '../facts/facts.js'],
    ['the Hyper-V collector importing a transport', 'connectors/hyperv/collector/launch.ts', '../transport/ssh/ssh.js'],
    ['the Hyper-V facts importing a transport', 'connectors/hyperv/facts/facts.ts', '../transport/winrm/index.js'],
    ['a Hyper-V transport importing the facts', 'connectors/hyperv/transport/ssh/ssh.ts', '../../facts/facts.js'],
    // Rules import only src/core and the rule kit; the kit only src/core.
    ['a rule importing a connector', 'rules/esxi-ntp-servers.ts', '../connectors/index.js'],
    ['a rule importing the rule engine', 'rules/esxi-ntp-servers.ts', '../src/rules/engine.js'],
    ['a rule importing the report', 'rules/esxi-ntp-servers.ts', '../src/report/html.js'],
    ['the rule kit importing the rule engine', 'src/rules/kit/define.ts', '../registry.js'],
    ['the rule kit importing a report writer', 'src/rules/kit/helpers.ts', '../../report/json.js'],
    ['the rule engine importing a connector', 'src/rules/engine.ts', '../../connectors/index.js'],
    // The application points one way.
    ['the report importing the scan engine (type only)', 'src/report/build.ts', '../scan/types.js'],
    ['the report importing the diff', 'src/report/html.ts', '../diff/index.js'],
    ['the rule engine importing the report', 'src/rules/catalogue.ts', '../report/json.js'],
    ['a command importing the CLI', 'src/commands/scan.ts', '../cli.js'],
    // The lab: imported only by the lab and demo commands; of a connector it imports only the wire module.
    ['the scan engine importing the lab', 'src/scan/engine.ts', '../lab/index.js'],
    ['the scan command importing the lab', 'src/commands/scan.ts', '../lab/index.js'],
    [
      'the lab importing NTLM internals',
      'src/lab/hyperv/ntlm-acceptor.ts',
      '../../../connectors/hyperv/transport/winrm/ntlm/session.js',
    ],
    [
      'the lab importing the collector launcher',
      'src/lab/hyperv/collector-responder.ts',
      '../../../connectors/hyperv/collector/launch.js',
    ],
    ['the lab importing the ESXi client', 'src/lab/esxi/soap-codec.ts', '../../../connectors/esxi/vim25/soap/xml.js'],
  ])('reports %s', async (_, file, specifier) => {
    // A breach of two rules (a rule importing the report: a layer above it, and not src/core) is reported by both.
    const found = await problems(file, importOf(specifier));
    expect(found.length).toBeGreaterThan(0);
    for (const problem of found) expect(problem).toMatch(/^import-x\/no-restricted-paths: /);
  });

  it.each([
    [
      'a rule importing the kit and the foundation',
      'rules/esxi-ntp-servers.ts',
      ['../src/rules/kit/define.js', '../src/core/model/index.js'],
    ],
    [
      'a connector importing the foundation and its own lower layers',
      'connectors/esxi/collect.ts',
      [
        '../../src/core/model/index.js',
        '../../src/core/config/schema.js',
        '../../src/core/connector/types.js',
        './inventory/retrieve.js',
        './vim25/value.js',
      ],
    ],
    [
      'the Hyper-V facts and a transport importing the collector',
      'connectors/hyperv/transport/ssh/ssh.ts',
      ['../../collector/launch.js', '../../../../src/core/net/host-key.js'],
    ],
    [
      'the rule kit importing the foundation',
      'src/rules/kit/helpers.ts',
      ['../../core/model/index.js', '../../core/text/pattern.js'],
    ],
    [
      'the scan engine importing the report, the rule engine and the foundation',
      'src/scan/engine.ts',
      ['../report/json.js', '../rules/engine.js', '../core/report/collected.js'],
    ],
    [
      'the lab importing the wire modules, the foundation and the application',
      'src/lab/hyperv/winrm-server.ts',
      [
        '../../../connectors/hyperv/transport/winrm/wire.js',
        '../../../connectors/hyperv/collector/wire.js',
        '../../core/log/index.js',
        '../../report/json.js',
      ],
    ],
    ['the lab and demo commands importing the lab', 'src/commands/demo.ts', ['../lab/index.js']],
    [
      'a test importing the lab and connector internals',
      'test/lab/anything.test.ts',
      ['../../src/lab/index.js', '../../connectors/hyperv/transport/winrm/ntlm/session.js'],
    ],
  ])('allows %s', async (_, file, specifiers) => {
    const code = specifiers
      .map((s, i) => `import type * as m${i} from '${s}';\nexport type M${i} = typeof m${i};\n`)
      .join('');
    expect(await problems(file, code)).toEqual([]);
  });

  it('reports a runtime import cycle between files', async () => {
    // src/rules/suppressions.ts imports src/core/text/pattern.ts at run time; importing it back closes a cycle.
    const code =
      "import { loadSuppressions } from '../../rules/suppressions.js';\nexport const load = loadSuppressions;\n";
    expect(await problems('src/core/text/pattern.ts', code)).toContain('import-x/no-cycle: Dependency cycle detected');
  });
});
