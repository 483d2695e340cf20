import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import { unwrapQuirks } from '../../../connectors/hyperv/collector/coerce.js';
import { hypervFactsFromOutput } from '../../../connectors/hyperv/facts/facts.js';
import { projectFile } from '../../../src/core/paths.js';
import { factsFrom, fixture, META } from '../fixtures.js';
import { mockHost } from './host-fixtures.js';
import { describeWithPwsh } from './locate.js';
import { frameJson, runUnderPwsh } from './run-collector.js';

const run = promisify(execFile);

/**
 * PowerShell 7 and Windows PowerShell 5.1 differ where the collector depends on them (reference hyperv-collection.md
 * §2, ConvertTo-Json docs for 5.1 and 7.4). The PowerShell 7 side runs here; the 5.1 side is what Microsoft documents,
 * unverified on a real 5.1 engine (connectors/hyperv/collector/collector.md, "Unverified without Windows").
 */
describeWithPwsh(
  'PowerShell 7 vs Windows PowerShell 5.1: the differences the collector depends on',
  { timeout: 120_000 },
  (pwsh) => {
    let engine: Record<string, string | number>;
    let doc: Record<string, any>;
    let facts: ReturnType<typeof hypervFactsFromOutput>;
    beforeAll(async () => {
      const { stdout } = await run(pwsh, [
        '-NoLogo',
        '-NoProfile',
        '-NonInteractive',
        '-File',
        projectFile('test/hyperv/pwsh/engine-differences.ps1'),
      ]);
      engine = JSON.parse(stdout);
      const collected = await runUnderPwsh(pwsh, mockHost({ vmCount: 1 }));
      doc = frameJson(collected.stdout);
      facts = hypervFactsFromOutput(collected, META);
    });

    it('the collector ran on this engine without a section error', () => {
      expect(doc.errors).toEqual({});
    });

    it('ConvertTo-Json writes enums as numbers (7 without -EnumsAsStrings, and 5.1): the collector sends names', () => {
      expect(engine.enumJson).toBe('{"State":2}');
      // [string] of an enum is its name on every .NET PowerShell: Str() sends "Running", never 2.
      expect(engine.enumString).toBe('Running');
      expect(doc.vms.items[0].state).toBe('Running');
      expect(doc.switches.items[0].switchType).toBe('External');
      expect(doc.firewall.profiles[0]).toMatchObject({ enabled: 'True', defaultInboundAction: 'Block' });
    });

    it('ConvertTo-Json writes DateTime as ISO 8601 on 7 but "\\/Date(ms)\\/" on 5.1: the collector sends ISO strings, the parser reads both', () => {
      expect(engine.dateJson).toBe('{"When":"2026-11-01T04:00:00Z"}');
      expect(engine.dateIso).toBe('2026-11-01T04:00:00.0000000Z');
      expect(doc.os.lastBoot).toBe('2026-11-01T04:00:00.0000000Z');
      // What Windows PowerShell 5.1 would have written for the same instant (reference §2 row 5), as JSON.parse reads it.
      const ps51 = JSON.parse(`{"lastBoot":"\\/Date(${Date.parse('2026-11-01T04:00:00Z')})\\/"}`);
      expect(unwrapQuirks(ps51)).toEqual({ lastBoot: '2026-11-01T04:00:00.000Z' });
    });

    it('$PSVersionTable: SemanticVersion/Core on 7, System.Version/Desktop on 5.1; only 5.1 needs the array-wrapper fix', () => {
      expect(engine).toMatchObject({
        versionType: 'System.Management.Automation.SemanticVersion',
        versionMajor: 7,
        edition: 'Core',
      });
      expect(doc.psVersion).toBe('7.6.10');
      expect(facts.product).toMatchObject({ apiVersion: 'PowerShell 7.6.10' });
      // A 5.1 document (its PSVersion a System.Version) reads as Windows PowerShell.
      const ps51 = fixture('ws2022-hardened');
      ps51.psVersion = '5.1.20348.2849';
      expect(factsFrom(ps51).product).toMatchObject({ apiVersion: 'Windows PowerShell 5.1.20348.2849' });
      // 5.1 wraps arrays as {"value":[…],"Count":n} unless System.Array's type data is removed; the parser undoes it too.
      expect(unwrapQuirks({ items: { value: ['a'], Count: 1 } })).toEqual({ items: ['a'] });
    });

    it('Get-ItemProperty: errors are terminating only under -ErrorAction Stop, and their type depends on the provider; the collector reads only "absent" as not set', async () => {
      // FileSystem provider on 7: a missing value is an IOException, a missing path ItemNotFoundException. The Registry
      // provider (Windows, documented for both engines) writes PSArgumentException for a missing value.
      expect(engine).toMatchObject({
        missingValue: 'System.IO.IOException',
        missingPath: 'System.Management.Automation.ItemNotFoundException',
        silentErrors: 1,
      });
      // Any type other than the two "absent" ones becomes a read error (unknown), never "not set".
      const host = mockHost({ vmCount: 1 });
      host.registry['HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa'].RunAsPPL = {
        $error: 'Requested registry access is not allowed.',
      };
      const collected = await runUnderPwsh(pwsh, host);
      const partial = frameJson(collected.stdout);
      expect(partial.settings.values.RunAsPPL).toBeNull();
      expect(partial.readErrors.settings.RunAsPPL).toContain('Requested registry access is not allowed.');
      expect(partial.settings.values.LmCompatibilityLevel).toBe(5);
    });
  },
);
