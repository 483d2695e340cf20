import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollectError } from '../../src/core/connector/errors.js';
import { hypervConnector } from '../../connectors/hyperv/index.js';
import { collectAll } from '../connectors/collect-all.js';
import {
  BOOTSTRAP,
  collectorWithDeadline,
  FRAME_END,
  FRAME_START,
  frameDocument,
  loadCollectorScript,
} from '../../connectors/hyperv/collector/launch.js';
import { COLLECTOR_MARKER } from '../../src/lab/hyperv/collector-responder.js';
import {
  collectorResponder,
  startSshSimulator,
  type CollectorResponder,
  type SshSimulator,
} from '../../src/lab/hyperv/ssh-server.js';
import { HostFacts } from '../../src/core/model/index.js';
import { projectFile } from '../../src/core/paths.js';
import { startPrivateSshd, type PrivateSshd } from '../sshd/sshd.js';
import { sshContext, sshTarget } from './ssh-context.js';

/** Minimal Windows Server 2019 collector document: the envelope and the identity sections. */
const document = {
  schemaVersion: 1,
  collectedAtUtc: '2026-11-27T10:00:00.0000000Z',
  psVersion: '5.1.17763.5122',
  errors: {},
  timingsMs: { privilege: 3, os: 41 },
  privilege: { user: 'HV01\\Administrator', isAdmin: true, languageMode: 'FullLanguage', hyperVModule: true },
  os: {
    caption: 'Microsoft Windows Server 2019 Standard',
    version: '10.0.17763',
    buildNumber: '17763',
    ubr: 5122,
    displayVersion: null,
    releaseId: '1809',
    editionId: 'ServerStandard',
    installationType: 'Server',
    productType: 3,
    lastBoot: '2026-11-01T08:00:00.0000000Z',
    installDate: '2024-03-01T08:00:00.0000000Z',
    kernelFileVersion: '10.0.17763.5122',
  },
};

/** A complete lab host (data/lab/hyperv), as the collector would report a risky Windows Server 2025 Hyper-V host. */
const profile = readFileSync(projectFile('data/lab/hyperv/ws2025-risky.json'), 'utf8');

/** The whole Hyper-V connector (collector.ps1 → SSH → parser → HostFacts) over both SSH peers. */
describe('Hyper-V connector over SSH, end to end', { timeout: 30_000 }, () => {
  const password = 'Pa55-w0rd!';
  const sims: SshSimulator[] = [];
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.close()));
  });
  async function collectFromSimulator(respond: CollectorResponder): Promise<HostFacts[]> {
    const sim = await startSshSimulator({ username: 'Administrator', password, respond });
    sims.push(sim);
    const target = sshTarget(sim.port, 'Administrator', {
      name: 'hv01',
      ssh: { hostKeyFingerprint: sim.hostKeyFingerprint },
    });
    return collectAll(hypervConnector, target, sshContext({ username: 'Administrator', password }));
  }
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => expect.fail('expected a CollectError'),
      (e: unknown) => e as CollectError,
    );

  it('collects host facts from the simulator, recording the protocol and how the host key was trusted', async () => {
    const [facts] = await collectFromSimulator(collectorResponder(document));
    expect(facts.platform).toBe('hyperv');
    expect(facts.collection).toMatchObject({ connector: 'hyperv', protocol: 'ssh', serverTrust: 'host-key-pinned' });
    // Over SSH, requests counts commands run: the collector is one exec.
    expect(facts.collection.requests).toBe(sims.at(-1)!.commandsRun());
    expect(facts.collection.requests).toBe(1);
    expect(JSON.stringify(facts)).toContain('Microsoft Windows Server 2019 Standard');
  });

  it('keeps the other sections when one has the wrong types, and reports that section', async () => {
    const [facts] = await collectFromSimulator(
      collectorResponder({ ...document, privilege: { user: ['not', 'a', 'string'], isAdmin: { nested: true } } }),
    );
    expect(JSON.stringify(facts)).toContain('Microsoft Windows Server 2019 Standard');
    expect(facts.collection.errors.some((e) => e.section === 'privilege' || e.step === 'privilege')).toBe(true);
  });

  it.each([
    ['garbage on stdout', 'collect', '\u0000\u00ff\u001b[31m binary noise'],
    ['no frame', 'collect', 'Windows PowerShell\r\nCopyright (C) Microsoft Corporation.\r\n'],
    ['truncated base64', 'parse', frameDocument(JSON.stringify(document)).slice(0, 60)],
    ['a frame with broken base64', 'parse', `${FRAME_START}eyJz*&^%${FRAME_END}`],
  ])('%s is a per-host %s error naming the host', async (_name, step, stdout) => {
    const err = await failure(collectFromSimulator(() => ({ stdout, stderr: '', exitCode: 0 })));
    expect(err).toBeInstanceOf(CollectError);
    expect(err.step).toBe(step);
    expect(err.message).toContain('hv01');
  });

  it('a 50 MB reply is cut off at the output cap', async () => {
    const err = await failure(
      collectFromSimulator(() => ({ stdout: frameDocument('x'.repeat(38 * 1024 * 1024)), stderr: '', exitCode: 0 })),
    );
    expect(err).toMatchObject({ step: 'parse', code: 'OUTPUT_LIMIT' });
  });

  describe('against OpenSSH with the stand-in powershell.exe', () => {
    let sshd: PrivateSshd;
    beforeAll(async () => {
      sshd = await startPrivateSshd();
      sshd.setStandin({
        bootstrap: BOOTSTRAP,
        frameStart: FRAME_START,
        frameEnd: FRAME_END,
        marker: COLLECTOR_MARKER,
        document: profile,
      });
    }, 30_000);
    afterAll(async () => {
      await sshd?.stop();
    });

    it('sends the real collector script byte for byte and collects complete facts from a lab profile', async () => {
      const target = sshTarget(sshd.port, sshd.username, {
        name: 'hv01',
        ssh: { hostKeyFingerprint: sshd.hostKeyFingerprint },
      });
      const ctx = sshContext({ username: sshd.username, privateKey: readFileSync(sshd.clientKeyPath, 'utf8') });
      const [facts] = await collectAll(hypervConnector, target, ctx);
      // The collector, byte for byte, after the one line that carries the soft deadline for this host's timeout.
      expect(sshd.receivedScript()).toBe(collectorWithDeadline(ctx.timeoutMs, loadCollectorScript()));
      expect(sshd.receivedScript().endsWith(loadCollectorScript())).toBe(true);
      expect(HostFacts.safeParse(facts).success).toBe(true);
      expect(facts.collection).toMatchObject({
        connector: 'hyperv',
        protocol: 'ssh',
        serverTrust: 'host-key-pinned',
        errors: [],
      });
      expect(JSON.stringify(facts)).toContain(JSON.parse(profile).os.caption);
    });
  });
});
