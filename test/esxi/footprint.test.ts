import { describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../connectors/esxi/facts/catalog.js';
import { mapEsxiFootprint } from '../../connectors/esxi/facts/footprint.js';
import { isUnknown, unknown, type EsxiHostFacts } from '../../src/core/model/index.js';

type Services = Exclude<EsxiHostFacts['services'], { unknown: true }>;
type Firewall = Exclude<EsxiHostFacts['exposure']['firewall'], { unknown: true }>;
type Measure = Exclude<EsxiHostFacts['footprint']['managementSurface'], { unknown: true }>;

const catalog = loadCatalogs().bootModules;

function known(value: EsxiHostFacts['footprint'][keyof EsxiHostFacts['footprint']]): Measure {
  if (isUnknown(value)) throw new Error(`expected a known measure, got unknown: ${value.reason}`);
  return value;
}

const ruleset = (key: string, enabled: boolean, ports: number[], service?: string): Firewall['rulesets'][number] => ({
  key,
  enabled,
  allowedAllIp: true,
  allowedIps: [],
  allowedNetworks: [],
  ...(service ? { service } : {}),
  rules: ports.map((port) => ({ port, protocol: 'tcp', direction: 'inbound' })),
});

const firewall: Firewall = {
  incomingBlocked: true,
  outgoingBlocked: true,
  rulesets: [
    ruleset('sshServer', false, [22], 'TSM-SSH'),
    ruleset('CIMHttpsServer', true, [5989], 'sfcbd-watchdog'),
    ruleset('vSphereClient', true, [902, 443]),
    ruleset('webAccess', false, [80]),
    ruleset('vMotion', true, [8000]),
  ],
};

const services: Services = [
  // Running with its port closed by the firewall: it still listens (the firewall is not considered, as on Hyper-V).
  {
    name: 'TSM-SSH',
    running: true,
    startupPolicy: 'on',
    exposed: false,
    rulesets: ['sshServer'],
    ports: [{ port: 22, protocol: 'tcp' }],
  },
  {
    name: 'sfcbd-watchdog',
    running: false,
    startupPolicy: 'off',
    exposed: false,
    rulesets: ['CIMHttpsServer'],
    ports: [{ port: 5989, protocol: 'tcp' }],
  },
  { name: 'DCUI', running: true, startupPolicy: 'on', exposed: unknown('the service names no firewall ruleset') },
];

describe('ESXi footprint: the three measures of docs/footprint.md', () => {
  const footprint = mapEsxiFootprint({
    modules: [
      { item: 'module vmkernel', bytes: 30_000_000 },
      { item: 'module nvmxnet3', bytes: 200_000 },
    ],
    tardisks: [
      { name: 'k.b00', bytes: 4_000_000 },
      { name: 's.v00', bytes: 46_000_000 },
      { name: 'uc_intel.b00', bytes: 3_600_000 },
      { name: 'esx_ui.v00', bytes: 12_000_000 },
      { name: 'imgdb.tgz', bytes: 1_000_000 },
      { name: 'vim.v00', bytes: 30_000_000 },
    ],
    services,
    firewall,
    catalog,
  });

  it('hypervisor code: the loaded modules, in-memory sizes, with the approximation stated', () => {
    const m = known(footprint.hypervisorCode);
    expect(m.bytes).toBe(30_200_000);
    expect(m.counted[0]).toEqual({ item: 'module vmkernel', bytes: 30_000_000, role: 'vmkernel module (in memory)' });
    expect(m.approximation).toMatch(/no on-disk size for vmkernel modules/);
    expect(m.definition).toBeUndefined();
  });

  it('trusted computing base: boot modules with host code count whole; microcode, image database and Host Client are left out with why', () => {
    const m = known(footprint.trustedComputingBase);
    expect(m.counted.map((c) => c.item)).toEqual(['tardisk k.b00', 'tardisk s.v00', 'tardisk vim.v00']);
    expect(m.bytes).toBe(80_000_000);
    expect(m.leftOut?.map((l) => l.item)).toEqual(['tardisk uc_intel.b00', 'tardisk esx_ui.v00', 'tardisk imgdb.tgz']);
    expect(m.leftOut?.[1]).toEqual({
      item: 'tardisk esx_ui.v00',
      bytes: 12_000_000,
      why: expect.stringMatching(/Host Client/),
    });
    expect(m.approximation).toMatch(/upper bound/);
  });

  it('exposed surface: running services with inbound ports and enabled service-less rulesets, listed without sizes', () => {
    const m = known(footprint.managementSurface);
    expect(m.counted).toEqual([
      { item: 'service TSM-SSH', role: 'tcp/22' },
      { item: 'ruleset vSphereClient', role: 'tcp/902, tcp/443' },
      { item: 'ruleset vMotion', role: 'tcp/8000' },
    ]);
    expect(m.bytes).toEqual({ unknown: true, reason: 'no size this platform reports for any of the 3 images' });
    expect(m.approximation).toMatch(/no listening sockets and no userworld file sizes/);
  });

  it('each input that could not be read makes only its own measure unknown, with the reason', () => {
    const f = mapEsxiFootprint({
      modules: unknown('kernel modules unavailable: ManagedObjectNotFound'),
      tardisks: unknown('boot modules unavailable: esxcli was not run for this host'),
      services,
      firewall: unknown('config.firewall not reported'),
      catalog,
    });
    expect(f.hypervisorCode).toEqual({ unknown: true, reason: 'kernel modules unavailable: ManagedObjectNotFound' });
    expect(f.trustedComputingBase).toEqual({
      unknown: true,
      reason: 'boot modules unavailable: esxcli was not run for this host',
    });
    expect(f.managementSurface).toEqual({
      unknown: true,
      reason: 'firewall rulesets unknown: config.firewall not reported',
    });
  });
});

describe('data/footprint/esxi-boot-modules.json', () => {
  it('leaves out only boot modules without host code: never the kernel, esx-base, hostd/vpxa, the VMX or a driver', () => {
    const leftOut = (name: string) => catalog.notHostCode.some((e) => new RegExp(e.match).test(name));
    for (const name of [
      'uc_intel.b00',
      'uc_amd.b00',
      'uc_hygon.b00',
      'state.tgz',
      'imgdb.tgz',
      'useropts.gz',
      'features.gz',
      'tools.t00',
      'esx_ui.v00',
    ])
      expect(leftOut(name), name).toBe(true);
    for (const name of [
      'b.b00',
      'k.b00',
      's.v00',
      'sb.v00',
      'vim.v00',
      'vmx.v00',
      'i40en.v00',
      'vsan.v00',
      'crx.v00',
      'jumpstrt.gz',
    ])
      expect(leftOut(name), name).toBe(false);
    for (const entry of catalog.notHostCode) expect(entry.source.length, entry.match).toBeGreaterThan(10);
  });
});
