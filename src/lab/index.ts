import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { jsonSyntaxProblem } from '../core/config/json-syntax.js';
import type { Config } from '../core/config/schema.js';
import { projectFile } from '../core/paths.js';
import { startEsxiSimulator } from './esxi/index.js';
import { collectorResponder, generateEd25519, startSshSimulator } from './hyperv/ssh-server.js';
import { startWinrmSimulator } from './hyperv/winrm-server.js';
import { planLab, type LabProfile, type LabSize, type PlannedHost } from './plan.js';

export { LAB_PROFILES, planLab, type LabProfile } from './plan.js';

export interface LabOptions extends LabSize {
  profile: LabProfile;
  /** Injected per round trip on every simulated host. */
  latencyMs: number;
  /** Where config.json, password files and keys are written. */
  outDir: string;
  /** Rule profile written into the config. */
  rulesProfile?: Config['rules']['profile'];
  concurrency?: number;
}

export interface LabHost {
  name: string;
  kind: PlannedHost['kind'];
  transport: string;
  port: number;
  /** Hosts this entry stands for (a vCenter stands for all of its ESXi hosts). */
  hostCount: number;
  setEsxiOption?(host: string, key: string, value: string | number | boolean): void;
  setEsxiService?(host: string, key: string, running: boolean): void;
}

export interface RunningLab {
  configPath: string;
  config: Config;
  hosts: LabHost[];
  /** ESXi hosts behind the vCenter, plus every standalone host. */
  hostCount: number;
  close(): Promise<void>;
}

const secret = () => randomBytes(12).toString('base64url');

/** A fresh 0600 file: the mode of writeFileSync applies only when it creates the file, so a leftover is removed first. */
function writePrivate(path: string, text: string): string {
  rmSync(path, { force: true });
  writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
  return path;
}

const writeSecret = (dir: string, name: string, value: string) => writePrivate(join(dir, name), value + '\n');

function labDocument(name: string): unknown {
  const text = readFileSync(projectFile(`data/lab/hyperv/${name}.json`), 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`data/lab/hyperv/${name}.json is not valid JSON (${jsonSyntaxProblem(err, text)})`, { cause: err });
  }
}

/**
 * Starts simulated ESXi, vCenter and Hyper-V hosts on 127.0.0.1, each with its own credentials, certificate or host
 * key, and writes DIR/config.json that pins every one of them, so `hvscan scan -c DIR/config.json` runs exactly as
 * against real hosts.
 */
export async function startLab(options: LabOptions): Promise<RunningLab> {
  const outDir = resolve(options.outDir);
  const secrets = join(outDir, 'secrets');
  mkdirSync(secrets, { recursive: true, mode: 0o700 });
  chmodSync(secrets, 0o700); // an existing directory keeps its mode otherwise
  const hosts: LabHost[] = [];
  const targets: Config['targets'] = [];
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    await Promise.allSettled(closers.map((c) => c()));
  };
  try {
    for (const plan of planLab(options.profile, options)) {
      const password = secret();
      if (plan.kind === 'esxi' || plan.kind === 'vcenter') {
        const sim = await startEsxiSimulator(
          plan.kind === 'esxi'
            ? {
                mode: 'esxi',
                profile: plan.profile,
                hostName: `${plan.name}.lab.example`,
                username: 'root',
                password,
                latencyMs: options.latencyMs,
              }
            : {
                mode: 'vcenter',
                hosts: plan.hosts.map((profile) => ({ profile })),
                username: 'audit@vsphere.local',
                password,
                latencyMs: options.latencyMs,
              },
        );
        closers.push(() => sim.close());
        hosts.push({
          name: plan.name,
          kind: plan.kind,
          transport: plan.kind === 'esxi' ? 'vim25-soap' : 'vcenter-rest+vim25',
          port: sim.port,
          hostCount: sim.hosts.length,
          setEsxiOption: (host, key, value) => sim.setOption(host, key, value),
          setEsxiService: (host, key, running) => sim.setService(host, key, running),
        });
        targets.push({
          name: plan.name,
          platform: plan.kind,
          host: '127.0.0.1',
          port: sim.port,
          username: sim.username,
          passwordFile: writeSecret(secrets, `${plan.name}.pw`, password),
          tls: { fingerprint: sim.fingerprint },
        });
        continue;
      }
      const document = labDocument(plan.document);
      if (plan.transport === 'ssh') {
        const clientKey = generateEd25519();
        const respond = collectorResponder(document);
        const sim = await startSshSimulator({
          username: 'audit',
          authorizedKeys: [clientKey.public],
          latencyMs: options.latencyMs,
          respond,
        });
        closers.push(() => sim.close());
        hosts.push({ name: plan.name, kind: 'hyperv', transport: 'ssh', port: sim.port, hostCount: 1 });
        targets.push({
          name: plan.name,
          platform: 'hyperv',
          transport: 'ssh',
          host: '127.0.0.1',
          port: sim.port,
          username: 'audit',
          privateKeyPath: writeSecret(secrets, `${plan.name}_ed25519`, clientKey.private.trim()),
          ssh: { hostKeyFingerprint: sim.hostKeyFingerprint },
        });
        continue;
      }
      const https = plan.transport === 'winrm-https-basic';
      const sim = await startWinrmSimulator({
        computerName: plan.name.toUpperCase(),
        accounts: { audit: password },
        document,
        https,
        auth: [https ? 'basic' : 'ntlm'],
        latencyMs: options.latencyMs,
      });
      closers.push(() => sim.close());
      hosts.push({ name: plan.name, kind: 'hyperv', transport: plan.transport, port: sim.port, hostCount: 1 });
      targets.push({
        name: plan.name,
        platform: 'hyperv',
        transport: 'winrm',
        host: '127.0.0.1',
        port: sim.port,
        username: 'audit',
        passwordFile: writeSecret(secrets, `${plan.name}.pw`, password),
        winrm: { https, auth: https ? 'basic' : 'ntlm' },
        ...(https && sim.fingerprint ? { tls: { fingerprint: sim.fingerprint } } : {}),
      });
    }
  } catch (err) {
    await closeAll();
    throw err;
  }
  const config: Config = {
    targets,
    scan: { concurrency: options.concurrency ?? 32, timeoutSeconds: 60, retries: 1 },
    rules: { profile: options.rulesProfile ?? 'scg' },
    output: {},
  };
  const configPath = join(outDir, 'config.json');
  writePrivate(configPath, JSON.stringify(config, null, 2) + '\n');
  return { configPath, config, hosts, hostCount: hosts.reduce((n, h) => n + h.hostCount, 0), close: closeAll };
}
