import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AdvisoryDataError,
  EsxiAdvisoryFile,
  judgeEsxiBuild,
  lineMatches,
  loadEsxiAdvisories,
  loadWindowsAdvisories,
  parseAdvisoryFile,
  WindowsAdvisoryFile,
} from '../../../src/rules/kit/advisories.js';
import { projectFile } from '../../../src/core/paths.js';
import { BuildTable } from '../../../connectors/esxi/facts/catalog.js';
import { WindowsBuildTable } from '../../../connectors/hyperv/facts/data.js';

const esxi = loadEsxiAdvisories();
const windows = loadWindowsAdvisories();
const vmsa = (id: string) => esxi.advisories.find((a) => a.id === id)!;
const fix = (id: string, line: string) => vmsa(id).fixed.find((f) => f.line === line);
const cve = (id: string) => windows.advisories.find((a) => a.cve === id)!;
const winFix = (id: string, build: number) => cve(id).fixed.find((f) => f.build === build);

describe('ESXi advisory data matches its sources (CVE records, VMSA VIB checks, Broadcom build lists; docs/advisories.md)', () => {
  it('VMSA-2020-0023: 7.0 U1 GA (16850804) is still vulnerable; the complete fixes are 7.0 U1a, 6.7 EP 17, 6.5 EP 22', () => {
    expect(vmsa('VMSA-2020-0023')).toMatchObject({ cves: ['CVE-2020-3992'], cvss: 9.8, knownExploited: true });
    expect([
      fix('VMSA-2020-0023', '7.0')?.build,
      fix('VMSA-2020-0023', '6.7')?.build,
      fix('VMSA-2020-0023', '6.5')?.build,
    ]).toEqual([17119627, 17098360, 17097218]);
    expect(judgeEsxiBuild(vmsa('VMSA-2020-0023'), '7.0.1', 16850804).kind).toBe('vulnerable');
  });
  it('ESXiArgs: VMSA-2021-0002 fixed in 7.0 U1c, 6.7 EP 18, 6.5 P06; exploitation unverified and not in KEV', () => {
    expect(vmsa('VMSA-2021-0002')).toMatchObject({
      cves: ['CVE-2021-21974'],
      knownExploited: true,
      kev: false,
      unverified: expect.stringMatching(/ESXiArgs/),
    });
    expect([
      fix('VMSA-2021-0002', '7.0')?.build,
      fix('VMSA-2021-0002', '6.7')?.build,
      fix('VMSA-2021-0002', '6.5')?.build,
    ]).toEqual([17325551, 17499825, 17477841]);
  });
  it('VMSA-2025-0004 fixed per update line (U3d, U2d, 7.0 U3s) and in CISA KEV', () => {
    expect(vmsa('VMSA-2025-0004').knownExploited).toBe(true);
    expect([
      fix('VMSA-2025-0004', '8.0.3')?.build,
      fix('VMSA-2025-0004', '8.0.2')?.build,
      fix('VMSA-2025-0004', '7.0')?.build,
    ]).toEqual([24585383, 24585300, 24585291]);
  });
  it('VMSA-2025-0013: U2e (24789317) is numerically above U3f (24784735), so both lines are listed', () => {
    expect(fix('VMSA-2025-0013', '8.0.3')?.build).toBe(24784735);
    expect(fix('VMSA-2025-0013', '8.0.2')?.build).toBe(24789317);
  });
  it('VMSA-2024-0013 (CVE-2024-37085): fixed only in 8.0 U3 GA, no 7.0 fix, exploited', () => {
    expect(vmsa('VMSA-2024-0013')).toMatchObject({ knownExploited: true, cvss: 6.8, affectedLines: ['8.0', '7.0'] });
    expect(vmsa('VMSA-2024-0013').fixed).toEqual([expect.objectContaining({ line: '8.0.3', build: 24022510 })]);
  });
  it('VMSA-2024-0006: 6.7 build 23084122 single-source (unverified), 6.5 build unknown', () => {
    expect(fix('VMSA-2024-0006', '8.0.2')?.build).toBe(23305545);
    expect(fix('VMSA-2024-0006', '8.0.1')?.build).toBe(23299997);
    expect(fix('VMSA-2024-0006', '7.0')?.build).toBe(23307199);
    expect(fix('VMSA-2024-0006', '6.7')).toMatchObject({ build: 23084122, unverified: expect.any(String) });
    expect(fix('VMSA-2024-0006', '6.5')?.build).toBeNull();
  });
  it('VMSA-2026-0006 and the inferred VMSA-2026-0011 keep their unverified marks', () => {
    expect(fix('VMSA-2026-0006', '8.0.3')?.build).toBe(25595708);
    expect(fix('VMSA-2026-0006', '8.0.2')?.unverified).toBeTruthy();
    expect(vmsa('VMSA-2026-0011').unverified).toMatch(/inferred/);
    expect(fix('VMSA-2026-0011', '8.0.3')?.build).toBe(25926933);
  });
  it('KEV dates are the CISA ADP dateAdded of the CVE records; ESXiArgs CVE-2021-21974 is not in KEV', () => {
    expect(Object.fromEntries(esxi.advisories.map((a) => [a.id, a.kev]))).toEqual({
      'VMSA-2020-0023': '2021-11-03',
      'VMSA-2021-0002': false,
      'VMSA-2024-0006': null,
      'VMSA-2024-0013': '2024-07-30',
      'VMSA-2025-0004': '2025-03-04',
      'VMSA-2025-0013': false,
      'VMSA-2026-0006': null,
      'VMSA-2026-0011': null,
    });
  });
  it('every fixed row names where it was read', () => {
    expect(
      esxi.advisories.flatMap((a) =>
        a.fixed.filter((f) => !/cve: |Tenable|vsphere-api|vcfcheck|Q&A|Hacker News/.test(f.source)),
      ),
    ).toEqual([]);
  });
  it('6.x releases are past their end of technical guidance', () => {
    const line = (l: string) => esxi.releases.find((r) => r.line === l);
    expect(line('6.7')).toMatchObject({ generalSupportEnds: '2022-10-15', technicalGuidanceEnds: '2023-11-15' });
    expect(line('6.5')?.technicalGuidanceEnds).toBe('2023-11-15');
  });
});

describe('Windows Hyper-V advisory data matches its sources (Microsoft CNA records, release information; verification.md §6)', () => {
  it('CVE-2024-38080 is in KEV and fixed in 20348.2582 (KB5040437) and 25398.1009 (KB5040438)', () => {
    expect(cve('CVE-2024-38080')).toMatchObject({ knownExploited: true, kev: '2024-07-09' });
    expect(winFix('CVE-2024-38080', 20348)).toMatchObject({ ubr: 2582, kb: 'KB5040437' });
    expect(winFix('CVE-2024-38080', 25398)).toMatchObject({ ubr: 1009, kb: 'KB5040438' });
    expect(winFix('CVE-2024-38080', 17763)).toBeUndefined();
  });
  it('CVE-2024-21407 lists the 20348.2333 hotpatch alternative and an unverified 2012 R2 KB', () => {
    expect(winFix('CVE-2024-21407', 20348)).toMatchObject({ ubr: 2340, kb: 'KB5035857', alsoFixedUbr: [2333] });
    expect(winFix('CVE-2024-21407', 9600)).toMatchObject({
      ubr: 21871,
      kb: 'KB5035885',
      unverified: expect.any(String),
    });
    expect(winFix('CVE-2024-21407', 14393)).toMatchObject({ ubr: 6796, kb: 'KB5035855' });
  });
  it('CVE-2025-21333/4/5 do not list Server 2022 (20348) as affected', () => {
    for (const id of ['CVE-2025-21333', 'CVE-2025-21334', 'CVE-2025-21335']) {
      expect(cve(id).fixed.map((f) => [f.build, f.ubr])).toEqual([
        [25398, 1369],
        [26100, 2894],
      ]);
    }
  });
  it("Windows Server 2025 ends on the dates of the newer scrape of Microsoft's page, marked unverified", () => {
    expect(windows.families.find((f) => f.build === 26100)).toMatchObject({
      mainstreamEnds: '2029-11-13',
      extendedEnds: '2034-11-14',
      unverified: expect.any(String),
    });
  });
  it('Windows Server 2012 R2 support ended 2023-10-10', () => {
    expect(windows.families.find((f) => f.build === 9600)).toMatchObject({
      extendedEnds: '2023-10-10',
      product: 'Windows Server 2012 R2',
    });
  });
});

// shared/ sits beside the checkout (the project's reference facts), in CI as on a developer's machine.
const REFERENCE = projectFile('../shared/reference');
describe.skipIf(!existsSync(REFERENCE))('every fixed build named in the reference tables is in the data', () => {
  it('ESXi: each release id with a build in the critical-VMSA table', () => {
    const text = readFileSync(`${REFERENCE}/vsphere-api.md`, 'utf8');
    const table = text.slice(text.indexOf('### 6.2 Critical VMSAs'), text.indexOf('## 7.'));
    const named = [...table.matchAll(/ESXi[\w.-]*?-(\d{8})\b/g)].map((m) => Number(m[1]));
    const known = new Set(esxi.advisories.flatMap((a) => a.fixed.flatMap((f) => [f.build, f.laterFixedBuild])));
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((b) => !known.has(b))).toEqual([]);
  });
  it('Hyper-V: each fixed UBR with a confirmed KB in the CVE table', () => {
    const text = readFileSync(`${REFERENCE}/hyperv-collection.md`, 'utf8');
    const table = text.slice(text.indexOf('### 5.4'), text.indexOf('### 5.5'));
    const pairs = [...table.matchAll(/\.(\d{3,5}) \((KB\d{7})/g)].map((m) => `${m[1]} ${m[2]}`);
    const known = new Set(windows.advisories.flatMap((a) => a.fixed.map((f) => `${f.ubr} ${f.kb}`)));
    expect(pairs.length).toBeGreaterThan(10);
    expect(pairs.filter((p) => !known.has(p))).toEqual([]);
  });
});

describe('advisory loader', () => {
  const file = projectFile('data/advisories/esxi.json');
  const good = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

  it('refuses another schemaVersion and names the file', () => {
    expect(() =>
      parseAdvisoryFile('esxi.json', JSON.stringify({ ...good, schemaVersion: 2 }), EsxiAdvisoryFile),
    ).toThrow(/esxi\.json: .*schemaVersion 2 is not supported/s);
  });
  it('names the entry and field of a malformed advisory', () => {
    const broken = structuredClone(good) as { advisories: { fixed: { build: unknown }[] }[] };
    broken.advisories[1]!.fixed[0]!.build = '17325551';
    expect(() => parseAdvisoryFile('esxi.json', JSON.stringify(broken), EsxiAdvisoryFile)).toThrow(
      /advisories\.1\.fixed\.0\.build/,
    );
  });
  it('refuses a fixed line that the advisory does not list as affected', () => {
    const broken = structuredClone(good) as { advisories: { affectedLines: string[] }[] };
    broken.advisories[1]!.affectedLines = ['6.7', '6.5'];
    expect(() => parseAdvisoryFile('esxi.json', JSON.stringify(broken), EsxiAdvisoryFile)).toThrow(AdvisoryDataError);
  });
  it('refuses a fixed row without its source', () => {
    const broken = structuredClone(good) as { advisories: { fixed: { source?: string }[] }[] };
    delete broken.advisories[0]!.fixed[0]!.source;
    expect(() => parseAdvisoryFile('esxi.json', JSON.stringify(broken), EsxiAdvisoryFile)).toThrow(
      /advisories\.0\.fixed\.0\.source/,
    );
  });
  it('refuses a KEV date on an advisory not marked exploited', () => {
    const broken = structuredClone(good) as { advisories: { knownExploited: boolean | null }[] };
    broken.advisories[0]!.knownExploited = false;
    expect(() => parseAdvisoryFile('esxi.json', JSON.stringify(broken), EsxiAdvisoryFile)).toThrow(
      /listed in CISA KEV \(2021-11-03\)/,
    );
  });
  it('refuses text that is not JSON', () => {
    expect(() => parseAdvisoryFile('w.json', '{', WindowsAdvisoryFile)).toThrow(/w\.json: .*not JSON/s);
  });
});

describe('release-line comparison', () => {
  it('matches lines by dotted prefix, never across update lines', () => {
    expect(lineMatches('8.0', '8.0.3')).toBe(true);
    expect(lineMatches('8.0.3', '8.0.3')).toBe(true);
    expect(lineMatches('8.0.3', '8.0.2')).toBe(false);
    expect(lineMatches('7.0', '8.0.3')).toBe(false);
    expect(lineMatches('9.0', '9.0.2.0100')).toBe(true);
  });
  it('a later cumulative build settles an unknown first-fixed build; below it the verdict stays undetermined', () => {
    const entry = {
      line: '6.7',
      build: null,
      laterFixedBuild: 20497097,
      release: 'ESXi670-202010401-SG',
      source: 'test',
    };
    const adv = { ...vmsa('VMSA-2020-0023'), fixed: [entry] };
    expect(judgeEsxiBuild(adv, '6.7.0', 20497097)).toEqual({ kind: 'fixed', entry });
    expect(judgeEsxiBuild(adv, '6.7.0', 17700523)).toEqual({ kind: 'undetermined', entry });
  });
  it('a U2 host between the U3 and U2 fix builds is still vulnerable', () => {
    // 24785000 > U3f (24784735) but < U2e (24789317): a global comparison would call it fixed.
    expect(judgeEsxiBuild(vmsa('VMSA-2025-0013'), '8.0.2', 24785000).kind).toBe('vulnerable');
    expect(judgeEsxiBuild(vmsa('VMSA-2025-0013'), '8.0.3', 24785000).kind).toBe('fixed');
  });
});

describe('build tables', () => {
  const windowsBuilds = JSON.parse(readFileSync(projectFile('data/windows-builds.json'), 'utf8')) as {
    builds: Record<string, unknown>[];
  };
  it('a Windows build row marked unverified must say why', () => {
    const broken = structuredClone(windowsBuilds);
    delete broken.builds[5]!.unverifiedReason;
    expect(WindowsBuildTable.safeParse(broken).error?.issues[0]?.message).toMatch(/says why/);
    expect(WindowsBuildTable.safeParse(windowsBuilds).success).toBe(true);
  });
  it('an ESXi build row without its source is refused', () => {
    const builds = JSON.parse(readFileSync(projectFile('data/esxi-builds.json'), 'utf8')) as {
      builds: Record<string, unknown>[];
    };
    delete builds.builds[0]!.source;
    expect(BuildTable.safeParse(builds).error?.issues[0]?.path).toEqual(['builds', 0, 'source']);
  });
  it('names the builds the advisories point to (7.0 U1 GA and U1a, 6.7 EP 17, 6.5 EP 22 and P06)', () => {
    const table = BuildTable.parse(JSON.parse(readFileSync(projectFile('data/esxi-builds.json'), 'utf8')));
    const patch = (build: string) => table.builds.find((b) => b.build === build)?.patch;
    expect(['16850804', '17119627', '17098360', '17097218', '17477841'].map(patch)).toEqual([
      '7.0 U1',
      '7.0 U1a',
      '6.7 EP 17',
      '6.5 EP 22',
      '6.5 P06',
    ]);
  });
});
