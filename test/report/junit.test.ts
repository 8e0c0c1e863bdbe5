/**
 * junit.xml, read back with a real XML parser (fast-xml-parser): well-formed whatever a history holds
 * (markup characters, an ESC sequence, a NUL, a lone surrogate in an anomaly), one suite per run, one
 * testcase per checker, per model and per threshold, failures carrying the anomaly text and the
 * threshold's measured value and limit.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/core/checker.js';
import { junitXml } from '../../src/report/junit.js';
import { xmlText } from '../../src/report/xml-text.js';
import type { GatedRun } from '../../src/runner/gated-run.js';
import { checkThresholds } from '../../src/runner/gates.js';
import { assembleResults, historyStats } from '../../src/runner/results.js';
import type { Op } from '../../src/core/op.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'testcase', 'property'].includes(n) });

function gated(seed: number, checks: Record<string, CheckResult>, thresholds = {}): GatedRun {
  // One op that succeeded: a history with none is unknown whatever the checkers say (no-success.ts).
  const history: Op[] = [{ index: 0, time: 0, process: 0, type: 'invoke', f: 'read', key: 'x', value: null }, { index: 1, time: 1, process: 0, type: 'ok', f: 'read', key: 'x', value: null }];
  const results = assembleResults(checks, ['linearizable'], history, 10);
  return { seed, dir: `/runs/${seed}`, target: 'raft-kv', workload: 'register', command: `faultline run --seed ${seed}`, results, thresholds: checkThresholds(historyStats([]), thresholds), exitCode: 1 };
}

const bad: CheckResult = {
  valid: false,
  models: { linearizable: { status: 'ruled-out', by: ['nonlinearizable'] } },
  anomalies: [
    { kind: 'nonlinearizable', key: 'k<1>', explanation: 'read 3 at op 7 after write 4 & "cas" completed\x1b[31m; \0 \uD800 end', ops: [7, 9] },
    { kind: 'nonlinearizable', explanation: 'a second one', ops: [1] },
  ],
};

describe('junit.xml', () => {
  it('escapes markup and writes characters XML cannot carry visibly', () => {
    expect(xmlText(`<a b="c" d='e'>&`)).toBe('&lt;a b=&quot;c&quot; d=&apos;e&apos;&gt;&amp;');
    expect(xmlText('\x1b[31m\0\t\n\uD800x\uD83D\uDE00')).toBe('\\x1b[31m\\x00\t\n\\ud800x\uD83D\uDE00');
  });

  it('parses as JUnit XML: a suite per run, a testcase per checker, model and threshold, failures with the anomaly text', () => {
    const xml = junitXml([gated(7, { linearizable: { valid: true, models: { linearizable: { status: 'holds', by: [] } } } }), gated(8, { linearizable: bad }, { minThroughput: 5 })]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml);
    const root = doc.testsuites;
    const [ok, ko] = root.testsuite;
    expect(root).toMatchObject({ name: 'faultline', errors: '0' });
    expect(Number(root.failures)).toBe(Number(ok.failures) + Number(ko.failures));
    expect(Number(root.tests)).toBe(ok.testcase.length + ko.testcase.length);
    expect(ok.name).toBe('raft-kv/register seed 7');
    expect(ok.properties.property).toContainEqual({ name: 'seed', value: '7' });
    expect(ok.properties.property).toContainEqual({ name: 'command', value: 'faultline run --seed 7' });
    expect(ok.failures).toBe('0');
    const cases = (s: any, cls: string) => s.testcase.filter((c: any) => c.classname === cls);
    expect(cases(ok, 'faultline.checker').map((c: any) => c.name)).toEqual(['linearizable']);
    expect(cases(ok, 'faultline.model').map((c: any) => c.name)).toContain('sequential');
    expect(cases(ok, 'faultline.checker')[0].failure).toBeUndefined();

    // The checker, the models linearizable and strict-serializable (stronger: ruled out with it), the threshold.
    expect(ko.failures).toBe('4');
    expect(cases(ko, 'faultline.model').find((c: any) => c.name === 'strict-serializable').failure).toBeDefined();
    expect(Number(ko.tests)).toBe(ko.testcase.length);
    const checker = cases(ko, 'faultline.checker')[0].failure;
    expect(checker.message).toBe('linearizable: 2 anomalies (nonlinearizable)');
    expect(checker['#text']).toContain('[nonlinearizable] key k<1>: read 3 at op 7 after write 4 & "cas" completed\\x1b[31m; \\x00 \\ud800 end');
    expect(checker['#text']).toContain('[nonlinearizable] a second one');
    const model = cases(ko, 'faultline.model').find((c: any) => c.name === 'linearizable');
    expect(model.failure.message).toBe('linearizable ruled out by nonlinearizable (judged by linearizable)');
    const threshold = cases(ko, 'faultline.threshold')[0];
    expect(threshold.name).toBe('--min-throughput');
    expect(threshold.failure.message).toBe('--min-throughput: nothing measured (no load phase); the limit is at least 5 ops/s');
  });

  it('an undecided checker is an error, a model no checker rules on is skipped, a failed run an error', () => {
    const run = gated(9, { linearizable: { valid: 'unknown', error: 'timed out after 1000 ms\nstack' } });
    const doc = parser.parse(junitXml([{ ...run, failure: { message: 'node n1 exited (3) during startup\nmore', exitCode: 255 } }]));
    const s = doc.testsuites.testsuite[0];
    expect(s.testcase.find((c: any) => c.classname === 'faultline.run').error.message).toBe('node n1 exited (3) during startup');
    expect(s.testcase.find((c: any) => c.classname === 'faultline.checker').error.message).toBe('linearizable could not decide: timed out after 1000 ms');
    expect(s.testcase.find((c: any) => c.classname === 'faultline.model' && c.name === 'linearizable').skipped.message).toBe('no checker of this workload rules on linearizable');
    expect(Number(s.errors)).toBeGreaterThanOrEqual(2);
  });
});
