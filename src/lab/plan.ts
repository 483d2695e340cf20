import type { EsxiProfileName } from './esxi/index.js';

export type LabProfile = 'mixed' | 'risky' | 'hardened';
export const LAB_PROFILES: readonly LabProfile[] = ['mixed', 'risky', 'hardened'];

export interface LabSize {
  esxi: number;
  vcenterHosts: number;
  hyperv: number;
}

export type HypervTransport = 'ssh' | 'winrm-https-basic' | 'winrm-http-ntlm';

export interface PlannedEsxi {
  kind: 'esxi';
  name: string;
  profile: EsxiProfileName;
}
export interface PlannedVcenter {
  kind: 'vcenter';
  name: string;
  hosts: EsxiProfileName[];
}
export interface PlannedHyperv {
  kind: 'hyperv';
  name: string;
  /** data/lab/hyperv/<document>.json */
  document: string;
  transport: HypervTransport;
}
export type PlannedHost = PlannedEsxi | PlannedVcenter | PlannedHyperv;

const ESXI_VERSIONS = ['8.0', '7.0', '6.7'] as const;
const WINDOWS = ['ws2019', 'ws2022', 'ws2016', 'ws2025'] as const;
const TRANSPORTS: HypervTransport[] = ['ssh', 'winrm-https-basic', 'winrm-http-ntlm'];

/** The posture of the i-th host: mixed labs start with a risky host so a small demo shows the seed's risks. */
function posture(profile: LabProfile, i: number): 'risky' | 'hardened' {
  if (profile !== 'mixed') return profile;
  return i % 2 === 0 ? 'risky' : 'hardened';
}

/**
 * Which simulated hosts a lab runs: versions and postures rotate so every ESXi release, every Windows Server
 * release and every Hyper-V transport appears as soon as the lab is large enough.
 */
export function planLab(profile: LabProfile, size: LabSize): PlannedHost[] {
  const hosts: PlannedHost[] = [];
  for (let i = 0; i < size.esxi; i++) {
    hosts.push({
      kind: 'esxi',
      name: `esx${String(i + 1).padStart(2, '0')}`,
      profile: `esxi-${ESXI_VERSIONS[i % 3]}-${posture(profile, i)}`,
    });
  }
  if (size.vcenterHosts > 0) {
    hosts.push({
      kind: 'vcenter',
      name: 'vc01',
      hosts: Array.from(
        { length: size.vcenterHosts },
        (_, i): EsxiProfileName => `esxi-${ESXI_VERSIONS[(i + 1) % 3]}-${posture(profile, i + 1)}`,
      ),
    });
  }
  for (let i = 0; i < size.hyperv; i++) {
    hosts.push({
      kind: 'hyperv',
      name: `hv${String(i + 1).padStart(2, '0')}`,
      document: `${WINDOWS[i % WINDOWS.length]}-${posture(profile, i)}`,
      transport: TRANSPORTS[i % TRANSPORTS.length],
    });
  }
  return hosts;
}
