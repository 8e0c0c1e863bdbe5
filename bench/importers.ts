/**
 * Import speed: writes an n-op register history (default 200,000 records) in each format into a
 * temporary directory, then times reading it back: `importFile` per format (what `check` does), the
 * streamed core reader (what `analyze` and the report do), and, as a floor, `readline` with plain
 * `JSON.parse` (no validation, no exact integers). Prints records/s and MB/s per row.
 *
 *   node dist/bench/importers.js [records=200000]
 */
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { readHistory } from '../src/core/history-reader.js';
import { importFile, type ImportFormat } from '../src/importers/index.js';

/** The i-th record of a register history over 5 processes: invoke, then ok, per process. */
function record(i: number): { p: number; type: string; f: string; v: number | null } {
  const p = Math.floor(i / 2) % 5;
  const f = ['write', 'read', 'cas'][Math.floor(i / 10) % 3];
  const v = f === 'read' && i % 2 === 0 ? null : (i * 7919) % 1000;
  return { p, type: i % 2 === 0 ? 'invoke' : 'ok', f, v };
}

function histories(n: number, dir: string): Record<string, { file: string; format: ImportFormat }> {
  const jsonl: string[] = [];
  const ednLines: string[] = [];
  const ednVector: string[] = [];
  const log: string[] = [];
  for (let i = 0; i < n; i++) {
    const { p, type, f, v } = record(i);
    const value = f === 'cas' ? [v, (v ?? 0) + 1] : v;
    const edn = f === 'cas' ? `[${v} ${(v ?? 0) + 1}]` : v === null ? 'nil' : String(v);
    jsonl.push(JSON.stringify({ index: i, time: i * 1000, process: p, type, f, value }));
    ednLines.push(`{:index ${i}, :time ${i * 1000}, :type :${type}, :process ${p}, :f :${f}, :value ${edn}}`);
    ednVector.push(`#jepsen.history.Op{:index ${i},\n  :time ${i * 1000},\n  :type :${type}, :process ${p},\n  :f :${f}, :value ${edn}}`);
    log.push(`INFO  jepsen.util - ${p}\t:${type}\t:${f}\t${edn}`);
  }
  const out: Record<string, { file: string; format: ImportFormat }> = {};
  const put = (name: string, format: ImportFormat, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    out[name] = { file, format };
  };
  put('history.jsonl', 'jsonl', jsonl.join('\n') + '\n');
  put('lines.edn', 'jepsen-edn', ednLines.join('\n') + '\n');
  put('vector-of-records.edn', 'jepsen-edn', `[${ednVector.join('\n ')}]\n`);
  put('etcd.log', 'porcupine-log', log.join('\n') + '\n');
  return out;
}

async function timed(name: string, file: string, n: number, run: () => Promise<number>): Promise<void> {
  const started = performance.now();
  const count = await run();
  const s = (performance.now() - started) / 1000;
  if (count !== n) throw new Error(`${name}: read ${count} records, expected ${n}`);
  const mb = statSync(file).size / 1e6;
  console.log(`${name.padEnd(44)} ${(n / s / 1000).toFixed(0).padStart(6)} k records/s ${(mb / s).toFixed(1).padStart(7)} MB/s  (${mb.toFixed(1)} MB)`);
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 200_000);
  const dir = mkdtempSync(join(tmpdir(), 'faultline-bench-importers-'));
  try {
    const files = histories(n, dir);
    console.log(`${n} records per history`);
    const jsonl = files['history.jsonl'].file;
    await timed('floor: readline + JSON.parse (jsonl)', jsonl, n, async () => {
      let count = 0;
      for await (const line of createInterface({ input: createReadStream(jsonl), crlfDelay: Infinity })) if (JSON.parse(line)) count++;
      return count;
    });
    await timed('core reader, streamed (analyze, report)', jsonl, n, async () => (await readHistory(jsonl)).length);
    for (const [name, { file, format }] of Object.entries(files)) {
      await timed(`importFile ${name} (${format})`, file, n, async () => (await importFile(file, format)).ops.length);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
