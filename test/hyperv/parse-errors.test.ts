import { describe, expect, it } from 'vitest';
import { hypervFactsFromOutput } from '../../connectors/hyperv/facts/facts.js';
import { FRAME_END, FRAME_START, frameDocument } from '../../connectors/hyperv/collector/launch.js';
import { parseCollectorOutput } from '../../connectors/hyperv/collector/parse.js';
import { SECTIONS } from '../../connectors/hyperv/collector/document.js';
import { CollectError } from '../../src/core/connector/errors.js';
import { HostFacts, isUnknown } from '../../src/core/model/index.js';
import { fixtureText, META, output } from './fixtures.js';

const GOOD = fixtureText('test/fixtures/hyperv/ws2022-hardened.json');

function failure(run: () => unknown): CollectError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(CollectError);
    return err as CollectError;
  }
  throw new Error('expected a CollectError');
}

describe('output frame', () => {
  it('finds the frame among progress noise, banners and CRLFs', () => {
    const stdout = `Windows PowerShell\r\nCopyright (C) Microsoft Corporation.\r\n${frameDocument(GOOD)}\r\n\r\n`;
    expect(parseCollectorOutput({ stdout, stderr: '#< CLIXML\r\n<Objs/>', exitCode: 0 }).sections.os?.buildNumber).toBe(
      '20348',
    );
  });

  it('no frame: a collect error with the exit code and the CLIXML stderr decoded', () => {
    const stderr =
      '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><S S="Error">Cannot bind parameter_x000D__x000A_</S></Objs>';
    const err = failure(() => parseCollectorOutput({ stdout: 'garbage\r\n', stderr, exitCode: 1 }));
    expect(err.step).toBe('collect');
    expect(err.message).toMatch(
      /no output frame \(exit code 1; stderr: Cannot bind parameter; stdout began: "garbage"\)/,
    );
  });

  it('truncated output (no end marker): a parse error that says so', () => {
    const framed = frameDocument(GOOD);
    const err = failure(() => parseCollectorOutput({ stdout: framed.slice(0, 5000), stderr: '', exitCode: 0 }));
    expect(err).toMatchObject({ step: 'parse', message: expect.stringMatching(/not terminated: output truncated/) });
  });

  it('truncated base64 inside the frame: a parse error, not garbage JSON', () => {
    const payload = Buffer.from(GOOD).toString('base64').slice(0, 1001);
    const err = failure(() =>
      parseCollectorOutput({ stdout: FRAME_START + payload + FRAME_END, stderr: '', exitCode: 0 }),
    );
    expect(err).toMatchObject({
      step: 'parse',
      message: expect.stringMatching(/not valid base64 \(1001 characters\)/),
    });
  });

  it('two frames: refused rather than guessing which one is the document', () => {
    const stdout = `${frameDocument(GOOD)}\r\n${frameDocument(GOOD)}\r\n`;
    const err = failure(() => parseCollectorOutput({ stdout, stderr: '', exitCode: 0 }));
    expect(err.message).toMatch(/more than one frame/);
  });

  it('a frame that is not JSON, or JSON that is not a collector document: parse errors', () => {
    expect(failure(() => parseCollectorOutput(output('{"schemaVersion": 1, '))).message).toMatch(/not valid JSON/);
    expect(failure(() => parseCollectorOutput(output('[1,2,3]'))).message).toMatch(/not a collector document/);
    expect(failure(() => parseCollectorOutput(output('{"schemaVersion": 2}'))).message).toMatch(/schemaVersion/);
  });

  it('valid JSON with wrong types in every section: host facts with each section unknown, each reported', () => {
    const doc: Record<string, unknown> = { schemaVersion: 1, errors: {}, timingsMs: {} };
    for (const name of SECTIONS)
      doc[name] = name === 'vms' ? { items: [{ name: 42, generation: 'two' }] } : 'not an object';
    const facts = hypervFactsFromOutput(output(JSON.stringify(doc)), META);
    expect(HostFacts.safeParse(facts).success).toBe(true);
    expect(facts.collection.errors).toHaveLength(SECTIONS.length);
    expect(
      facts.collection.errors.every(
        (e) => e.step === 'parse' && e.message.startsWith(`section ${e.section} has unexpected types`),
      ),
    ).toBe(true);
    expect(isUnknown(facts.vms) && facts.vms.reason).toMatch(/items\.0\.name/);
    expect(isUnknown(facts.product.name)).toBe(true);
  });

  it('mangled envelope metadata costs nothing but itself', () => {
    const doc = JSON.parse(GOOD);
    Object.assign(doc, {
      psVersion: ['5.1'],
      collectedAtUtc: 7,
      timingsMs: { os: 'slow', cpu: -3, vms: 12 },
      errors: { os: 'boom' },
    });
    doc.os = null;
    const facts = hypervFactsFromOutput(output(JSON.stringify(doc)), META);
    expect(facts.product.name).toEqual({
      unknown: true,
      reason: 'section os failed: failed (the error record was unreadable)',
    });
    expect(facts.product.apiVersion).toMatchObject({ unknown: true });
    expect([facts.collection.sections.os, facts.collection.sections.cpu, facts.collection.sections.vms]).toEqual([
      { ms: 0, ok: false },
      { ms: 0, ok: true },
      { ms: 12, ok: true },
    ]);
    expect(facts.hyperv.deviceGuard).toMatchObject({ vbsStatus: 2 });
  });

  it('a non-zero exit after a good frame keeps the facts and records the exit', () => {
    const facts = hypervFactsFromOutput(output(GOOD, { exitCode: 1 }), META);
    expect(facts.collection.errors).toEqual([
      { step: 'collect', message: 'powershell.exe exited with 1 after printing its frame' },
    ]);
  });

  it('a collector that failed to serialise its document reports that, not a crash', () => {
    const fallback = {
      schemaVersion: 1,
      collectedAtUtc: null,
      psVersion: '5.1',
      errors: { document: { message: 'Depth exceeded', type: 'System.ArgumentException', fqid: 'ConvertTo-Json' } },
      timingsMs: {},
    };
    const facts = hypervFactsFromOutput(output(JSON.stringify(fallback)), META);
    expect(facts.collection.errors[0]).toEqual({
      step: 'document',
      section: 'document',
      message: 'Depth exceeded',
      code: 'ConvertTo-Json',
    });
    expect(facts.collection.errors).toHaveLength(1 + SECTIONS.length);
  });
});
