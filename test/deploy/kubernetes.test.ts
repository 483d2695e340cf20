// deploy/kubernetes: the manifests validate against Kubernetes' published OpenAPI schemas (kubernetes-models), and
// the pod's own script, run here with sh against the scripted connectors, shards a run and merges it.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Config } from '../../src/core/config/schema.js';
import { projectFile } from '../../src/core/paths.js';
import { expectValidReport } from '../core/helpers.js';

const run = promisify(execFile);
const DIR = projectFile('deploy/kubernetes');
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'batch/v1/CronJob': CronJob,
  'v1/ConfigMap': ConfigMap,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'v1/Secret': Secret,
};

type Manifest = { apiVersion: string; kind: string; [key: string]: unknown };
const manifests = (): Array<{ file: string; doc: Manifest }> =>
  readdirSync(DIR)
    .filter((file) => file.endsWith('.yaml'))
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map((d) => ({ file, doc: d.toJS() as Manifest })),
    );

function validate(doc: Manifest): void {
  const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
  if (!Model) throw new Error(`no schema for ${doc.apiVersion} ${doc.kind}`);
  new Model(doc as never).validate();
}

const cronJob = (): any => manifests().find(({ doc }) => doc.kind === 'CronJob')!.doc;

describe('deploy/kubernetes', () => {
  it('every manifest validates against its Kubernetes schema', () => {
    const all = manifests();
    expect(all.map(({ doc }) => doc.kind).sort()).toEqual(['ConfigMap', 'CronJob', 'PersistentVolumeClaim', 'Secret']);
    for (const { file, doc } of all) expect(() => validate(doc), file).not.toThrow();
  });

  it('the validation catches a wrong field (so the test above can fail)', () => {
    const broken = cronJob();
    broken.spec.concurrencyPolicy = 'Sometimes';
    expect(() => validate(broken)).toThrow(/concurrencyPolicy/);
  });

  it('the nightly run is an Indexed Job of SHARDS pods that never overlaps the previous night', () => {
    const job = cronJob().spec;
    expect(job.concurrencyPolicy).toBe('Forbid');
    const spec = job.jobTemplate.spec;
    expect(spec.completionMode).toBe('Indexed');
    const shards = Number(
      spec.template.spec.containers[0].env.find((e: { name: string }) => e.name === 'SHARDS').value,
    );
    expect([spec.completions, spec.parallelism]).toEqual([shards, shards]);
  });

  it("the ConfigMap's config.json is a valid hvscan config whose secrets are files in the Secret's volume", () => {
    const data = manifests().find(({ doc }) => doc.kind === 'ConfigMap')!.doc.data as Record<string, string>;
    const config = Config.parse(JSON.parse(data['config.json']!));
    const secretKeys = Object.keys(
      (manifests().find(({ doc }) => doc.kind === 'Secret')!.doc.stringData as object) ?? {},
    );
    for (const target of config.targets) {
      expect('passwordFile' in target && target.passwordFile).toBe(`/etc/hvscan/secrets/${secretKeys[0]}`);
    }
  });

  it("the pod's script scans its shard, and index 0 merges every shard into one report", async () => {
    const work = mkdtempSync(join(tmpdir(), 'hvscan-k8s-'));
    const bin = join(work, 'bin');
    mkdirSync(bin);
    // `hvscan` on the pod's PATH: here the real CLI with scripted connectors (hosts named ok-* return facts).
    writeFileSync(
      join(bin, 'hvscan'),
      `#!/bin/sh\nexec "${process.execPath}" --import tsx "${projectFile('test/core/fake-cli.ts')}" "$@"\n`,
    );
    chmodSync(join(bin, 'hvscan'), 0o755);
    const targets = Array.from({ length: 6 }, (_, i) => ({
      name: `ok-${i}`,
      platform: 'esxi',
      host: `ok-${i}.lab`,
      username: 'u',
      passwordEnv: 'PW',
    }));
    writeFileSync(join(work, 'config.json'), JSON.stringify({ targets }));
    const container = cronJob().spec.jobTemplate.spec.template.spec.containers[0];
    const script = (container.args[0] as string)
      .replaceAll('/reports/', `${work}/reports/`)
      .replace('/etc/hvscan/config/config.json', join(work, 'config.json'));
    const pod = (index: number) =>
      run('/bin/sh', ['-c', script], {
        cwd: projectFile('.'),
        env: {
          PATH: `${bin}:${process.env.PATH}`,
          PW: 'pw',
          SHARDS: '2',
          MERGE_WAIT_SECONDS: '0',
          JOB_NAME: 'hvscan-nightly-1',
          JOB_COMPLETION_INDEX: String(index),
        },
      });
    await pod(1);
    await pod(0);
    const merged = expectValidReport(
      JSON.parse(readFileSync(join(work, 'reports', 'hvscan-nightly-1', 'report.json'), 'utf8')),
    );
    expect(merged.hosts.map((h) => h.name).sort()).toEqual(targets.map((t) => t.name));
    expect(merged.complete).toBe(true);
  }, 120_000);
});
