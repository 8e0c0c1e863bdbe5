/**
 * junit.xml: one or more gated runs as JUnit XML, the format CI systems read test results from. Each
 * run is a `<testsuite>` (named after target, workload and seed; its seed, directory and reproducing
 * command as properties) holding one `<testcase>` per checker (classname `faultline.checker`), per
 * model in results.models (`faultline.model`) and per threshold given (`faultline.threshold`):
 *  - a checker that found anomalies, a model ruled out, a breached threshold → `<failure>`, whose
 *    message is one line and whose text is every anomaly's kind and explanation (checkers) or the
 *    threshold's measured value and limit;
 *  - a checker or model left undecided → `<error>`; a model no checker ruled on → `<skipped>`;
 *  - a run that failed by itself (its cluster would not start) → one `faultline.run` testcase with an
 *    `<error>` saying why.
 * Every text goes through `xmlText`, so anything a history holds stays well-formed XML.
 */
import type { Anomaly, CheckResult } from '../core/checker.js';
import type { ModelVerdict } from '../core/models.js';
import type { GatedRun } from '../runner/gated-run.js';
import { xmlElement, xmlText } from './xml-text.js';

/** At most this many anomalies are written out per checker; the rest are counted. */
const MAX_ANOMALIES = 50;

type Outcome = { failure?: { message: string; type: string; text: string }; error?: string; skipped?: string };

/** A testcase's markup and how it ended. */
interface Case {
  xml: string;
  status: 'passed' | 'failure' | 'error' | 'skipped';
}

function testcase(classname: string, name: string, o: Outcome): Case {
  if (o.failure) {
    const f = xmlElement('failure', { message: o.failure.message, type: o.failure.type }, [xmlText(o.failure.text)]);
    return { xml: xmlElement('testcase', { classname, name }, [f]), status: 'failure' };
  }
  if (o.error !== undefined) return { xml: xmlElement('testcase', { classname, name }, [xmlElement('error', { message: o.error })]), status: 'error' };
  if (o.skipped !== undefined) return { xml: xmlElement('testcase', { classname, name }, [xmlElement('skipped', { message: o.skipped })]), status: 'skipped' };
  return { xml: xmlElement('testcase', { classname, name }), status: 'passed' };
}

/** The anomalies as text: one paragraph each, `[kind] explanation`, with the key when there is one. */
export function anomalyText(anomalies: readonly Anomaly[]): string {
  const shown = anomalies.slice(0, MAX_ANOMALIES).map((a) => `[${a.kind}]${a.key !== undefined ? ` key ${a.key}:` : ''} ${a.explanation}`);
  if (anomalies.length > MAX_ANOMALIES) shown.push(`… and ${anomalies.length - MAX_ANOMALIES} more (results.json has them all)`);
  return shown.join('\n\n');
}

function checkerCase(name: string, r: CheckResult): Case {
  const anomalies = r.anomalies ?? [];
  if (r.valid === false) {
    const kinds = [...new Set(anomalies.map((a) => a.kind))];
    const n = anomalies.length;
    const message = `${name}: ${n} anomal${n === 1 ? 'y' : 'ies'}${kinds.length ? ` (${kinds.join(', ')})` : ''}`;
    return testcase('faultline.checker', name, { failure: { message, type: kinds[0] ?? 'invalid', text: anomalyText(anomalies) || (r.error ?? '') } });
  }
  if (r.valid === 'unknown') return testcase('faultline.checker', name, { error: `${name} could not decide${r.error ? `: ${r.error.split('\n')[0]}` : ''}` });
  return testcase('faultline.checker', name, {});
}

function modelCase(name: string, v: ModelVerdict): Case {
  switch (v.status) {
    case 'ruled-out': {
      const message = `${name} ruled out by ${v.by.join(', ')}${v.checker ? ` (judged by ${v.checker})` : ''}`;
      return testcase('faultline.model', name, { failure: { message, type: 'ruled-out', text: message } });
    }
    case 'unknown':
      return testcase('faultline.model', name, { error: `${name} undecided${v.checker ? ` (${v.checker} could not decide)` : ''}` });
    case 'not-checked':
      return testcase('faultline.model', name, { skipped: `no checker of this workload rules on ${name}` });
    default:
      return testcase('faultline.model', name, {});
  }
}

/** Testcases counted by how they ended. */
type Counts = Record<'tests' | 'failures' | 'errors' | 'skipped', number>;

function countCases(cases: readonly Case[]): Counts {
  const n = (s: Case['status']) => cases.filter((c) => c.status === s).length;
  return { tests: cases.length, failures: n('failure'), errors: n('error'), skipped: n('skipped') };
}

function suite(run: GatedRun): { xml: string; counts: Counts } {
  const cases: Case[] = [];
  if (run.failure) cases.push(testcase('faultline.run', 'run', { error: run.failure.message.split('\n')[0]! }));
  for (const [name, r] of Object.entries(run.results.checks)) cases.push(checkerCase(name, r));
  for (const [name, v] of Object.entries(run.results.models ?? {})) cases.push(modelCase(name, v));
  for (const t of run.thresholds) {
    cases.push(testcase('faultline.threshold', t.threshold, t.passed ? {} : { failure: { message: t.message, type: 'threshold', text: t.message } }));
  }
  const counts = countCases(cases);
  const props = { seed: String(run.seed), 'run-dir': run.dir, command: run.command };
  const xml = xmlElement(
    'testsuite',
    { name: `${run.target}/${run.workload} seed ${run.seed}`, ...counts, time: run.results.stats.durationS.toFixed(3) },
    [xmlElement('properties', {}, Object.entries(props).map(([name, value]) => xmlElement('property', { name, value }))), ...cases.map((c) => c.xml)],
  );
  return { xml, counts };
}

/** The JUnit XML document of `runs`. */
export function junitXml(runs: readonly GatedRun[]): string {
  const suites = runs.map(suite);
  const total = (k: keyof Counts) => suites.reduce((n, s) => n + s.counts[k], 0);
  const root = xmlElement(
    'testsuites',
    { name: 'faultline', tests: total('tests'), failures: total('failures'), errors: total('errors'), skipped: total('skipped') },
    suites.map((s) => s.xml),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}
