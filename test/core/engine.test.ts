import { describe, expect, it } from 'vitest';
import { CollectError } from '../../src/core/connector/errors.js';
import type { CollectContext, Connector } from '../../src/core/connector/types.js';
import type { Target } from '../../src/core/config/schema.js';
import type { HostFacts } from '../../src/core/model/index.js';
import { runScan } from '../../src/scan/engine.js';
import { ScanEvents, type HostEvent } from '../../src/scan/events.js';
import type { EngineOptions } from '../../src/scan/types.js';
import { esxiFacts } from '../fixtures/facts.js';
import { hang, scriptedConnector } from './fake-connectors.js';
import { esxTarget, expectValidReport, judgedReport, memoryLogger } from './helpers.js';

type Behaviour = (target: Target, context: CollectContext) => Promise<unknown[]>;

function engineOptions(targets: Target[], behave: Behaviour, overrides: Partial<EngineOptions> = {}): EngineOptions {
  const { logger, redactor } = memoryLogger();
  const connector: Connector = scriptedConnector(behave);
  return {
    targets,
    concurrency: 4,
    timeoutSeconds: 30,
    retries: 0,
    retryBackoffMs: 1,
    connectorFor: async () => connector,
    credentialsFor: (target) => ({ username: target.username, password: 'pw' }),
    logger,
    redactor,
    ...overrides,
  };
}

const okFacts = (name: string) => [esxiFacts({ identity: { name, address: `${name}.lab` } })];
const digest = { digest: `sha256:${'0'.repeat(64)}`, profile: 'scg' as const };

describe('scan engine isolation', () => {
  it('keeps going when one host throws, one hangs past its timeout ignoring abort, one returns invalid facts', async () => {
    const targets = [
      esxTarget('good1'),
      esxTarget('thrower'),
      esxTarget('hanger', { timeoutSeconds: 0.2 }),
      esxTarget('garbage'),
      esxTarget('good2'),
    ];
    const result = await runScan(
      engineOptions(targets, async (target, context) => {
        switch (target.name) {
          case 'thrower':
            throw new TypeError("Cannot read properties of undefined (reading 'about')");
          case 'hanger':
            return hang(context, true);
          case 'garbage':
            return [{ ...esxiFacts({ identity: { name: 'garbage' } }), cpu: 'fast' }];
          default:
            return okFacts(target.name);
        }
      }),
    );
    const byName = Object.fromEntries(result.hosts.map((h) => [h.name, h]));
    expect(result.hosts.map((h) => h.name)).toEqual(['good1', 'thrower', 'hanger', 'garbage', 'good2']);
    expect(byName.good1.status).toBe('ok');
    expect(byName.good2.status).toBe('ok');
    expect(byName.thrower).toMatchObject({
      status: 'failed',
      errors: [{ step: 'collect', message: expect.stringContaining("reading 'about'") }],
    });
    expect(byName.hanger).toMatchObject({
      status: 'failed',
      errors: [{ step: 'timeout', message: expect.stringContaining('0.2s') }],
    });
    expect(byName.garbage).toMatchObject({
      status: 'failed',
      errors: [{ step: 'parse', message: expect.stringContaining('cpu') }],
    });
    expect(byName.garbage.facts).toBeUndefined();
    expect(result.complete).toBe(true);

    const report = expectValidReport(judgedReport(result, () => [], digest));
    expect(report.summary).toMatchObject({ hosts: 5, failedHosts: 3, partialHosts: 0 });
    expect(report.hosts.find((h) => h.name === 'hanger')?.facts).toBeNull();
  });

  it('marks a host partial when facts carry collection errors, and a vCenter target yields every host', async () => {
    const partial = esxiFacts({
      identity: { name: 'esx-b' },
      collection: { errors: [{ step: 'collect', section: 'firewall', message: 'NoPermission' }] },
    });
    const result = await runScan(
      engineOptions([esxTarget('vc01', { platform: 'vcenter' })], async () => [...okFacts('esx-a'), partial]),
    );
    expect(result.hosts.map((h) => [h.name, h.target, h.status, h.platform])).toEqual([
      ['esx-a', 'vc01', 'ok', 'esxi'],
      ['esx-b', 'vc01', 'partial', 'esxi'],
    ]);
    expect(result.hosts[1].errors).toEqual([{ step: 'collect:firewall', message: 'NoPermission' }]);
  });

  it('retries transient failures with backoff, and only those', async () => {
    const attempts: Record<string, number> = {};
    const result = await runScan(
      engineOptions(
        [esxTarget('flaky'), esxTarget('denied'), esxTarget('down')],
        async (target) => {
          attempts[target.name] = (attempts[target.name] ?? 0) + 1;
          if (target.name === 'flaky' && attempts.flaky < 3)
            throw new CollectError('connect', 'ECONNRESET', { transient: true });
          if (target.name === 'denied')
            throw new CollectError('auth', 'Cannot complete login due to an incorrect user name or password');
          if (target.name === 'down') throw new CollectError('connect', 'ECONNRESET', { transient: true });
          return okFacts(target.name);
        },
        { retries: 2 },
      ),
    );
    expect(attempts).toEqual({ flaky: 3, denied: 1, down: 3 });
    expect(result.hosts.map((h) => [h.name, h.status, h.attempts])).toEqual([
      ['flaky', 'ok', 3],
      ['denied', 'failed', 1],
      ['down', 'failed', 3],
    ]);
    expect(result.hosts[1].errors[0].step).toBe('auth');
  });

  it('fails only the host whose credentials cannot be resolved, at the config step', async () => {
    const result = await runScan(
      engineOptions([esxTarget('a'), esxTarget('b')], async (target) => okFacts(target.name), {
        credentialsFor: (target) => {
          if (target.name === 'a')
            throw new CollectError('config', 'target a: passwordEnv: environment variable PW is not set');
          return { username: 'root', password: 'x' };
        },
      }),
    );
    expect(result.hosts.map((h) => [h.name, h.status, h.errors[0]?.step])).toEqual([
      ['a', 'failed', 'config'],
      ['b', 'ok', undefined],
    ]);
  });

  it('on interrupt stops starting hosts, aborts running ones, and reports complete: false', async () => {
    const controller = new AbortController();
    const events = new ScanEvents();
    const seen: HostEvent[] = [];
    events.on('host', (e) => seen.push(e));
    let started = 0;
    const targets = ['h1', 'h2', 'h3', 'h4', 'h5'].map((n) => esxTarget(n));
    const result = await runScan(
      engineOptions(
        targets,
        async (target, context) => {
          started++;
          if (target.name === 'h1') return okFacts('h1');
          // Interrupt once the second host is running: h3 is in flight too, h4 and h5 wait for a slot.
          if (target.name === 'h3') queueMicrotask(() => controller.abort());
          return hang(context);
        },
        { concurrency: 2, signal: controller.signal, events },
      ),
    );
    expect(result.complete).toBe(false);
    expect(started).toBe(3);
    expect(result.hosts.map((h) => [h.name, h.status, h.errors[0]?.step])).toEqual([
      ['h1', 'ok', undefined],
      ['h2', 'failed', 'aborted'],
      ['h3', 'failed', 'aborted'],
      ['h4', 'failed', 'aborted'],
      ['h5', 'failed', 'aborted'],
    ]);
    expect(seen.filter((e) => e.stage === 'skipped').map((e) => e.target)).toEqual(['h4', 'h5']);
    expect(expectValidReport(judgedReport(result, () => [], digest)).complete).toBe(false);
  });

  it('passes each host a signal that fires at its own timeout and the remaining budget', async () => {
    let context: CollectContext | undefined;
    const result = await runScan(
      engineOptions([esxTarget('slow', { timeoutSeconds: 0.1 })], async (_t, ctx) => {
        context = ctx;
        return hang(ctx);
      }),
    );
    expect(context?.signal.aborted).toBe(true);
    expect(context?.timeoutMs).toBeLessThanOrEqual(100);
    expect(result.hosts[0].errors[0].step).toBe('timeout');
  });

  it('turns a rule engine failure on one host into that host\'s "rules" error', async () => {
    const result = await runScan(engineOptions([esxTarget('a'), esxTarget('b')], async (t) => okFacts(t.name)));
    const evaluate = (facts: HostFacts) => {
      if (facts.identity.name === 'a') throw new Error('boom');
      return [];
    };
    const report = expectValidReport(judgedReport(result, evaluate, digest));
    expect(report.hosts[0].errors).toEqual([{ step: 'rules', message: 'rule evaluation failed: boom' }]);
    expect(report.hosts[1].errors).toEqual([]);
  });
});

describe('hosts handed on one at a time', () => {
  /** A vCenter-like connector that hands on `names` in turn, noting each step in `log`, then does `after`. */
  function streaming(names: string[], log: string[], after: () => Promise<void> = async () => undefined): Connector {
    return {
      id: 'streaming',
      async collect(_target, context) {
        for (const name of names) {
          log.push(`mapped ${name}`);
          context.onHost(esxiFacts({ identity: { name, address: `${name}.lab` } }));
        }
        await after();
      },
    };
  }

  it('each host reaches onHost before the connector maps the next one', async () => {
    const log: string[] = [];
    const connector = streaming(['h1', 'h2', 'h3'], log);
    const result = await runScan(
      engineOptions([esxTarget('vc')], async () => [], {
        connectorFor: async () => connector,
        onHost: (host) => log.push(`judged ${host.name}`),
      }),
    );
    expect(log).toEqual(['mapped h1', 'judged h1', 'mapped h2', 'judged h2', 'mapped h3', 'judged h3']);
    expect(result.hosts.map((h) => h.name)).toEqual(['h1', 'h2', 'h3']);
  });

  it('a transient failure after hosts were handed on keeps them, is not retried, and adds the target as failed', async () => {
    const log: string[] = [];
    let attempts = 0;
    const connector = streaming(['h1', 'h2'], log, async () => {
      attempts++;
      throw new CollectError('collect', 'connection reset by the vCenter', { transient: true });
    });
    const result = await runScan(
      engineOptions([esxTarget('vc')], async () => [], { retries: 2, connectorFor: async () => connector }),
    );
    expect(attempts).toBe(1);
    expect(result.hosts.map((h) => [h.name, h.status])).toEqual([
      ['h1', 'ok'],
      ['h2', 'ok'],
      ['vc', 'failed'],
    ]);
    expect(result.hosts[2]!.errors).toEqual([
      { step: 'collect', message: 'stopped after 2 host(s) of this target: connection reset by the vCenter' },
    ]);
    expect(result.complete).toBe(true);
  });

  it('a host handed on after its target timed out is not heard', async () => {
    let late: (() => void) | undefined;
    const connector: Connector = {
      id: 'late',
      collect: (_target, context) =>
        new Promise(() => {
          late = () => context.onHost(esxiFacts({ identity: { name: 'late', address: 'late.lab' } }));
        }),
    };
    const seen: string[] = [];
    const result = await runScan(
      engineOptions([esxTarget('vc', { timeoutSeconds: 0.1 })], async () => [], {
        connectorFor: async () => connector,
        onHost: (host) => seen.push(host.name),
      }),
    );
    late!();
    expect(seen).toEqual(['vc']);
    expect(result.hosts.map((h) => [h.name, h.errors[0]?.step])).toEqual([['vc', 'timeout']]);
  });
});
