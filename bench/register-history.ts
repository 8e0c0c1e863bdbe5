/**
 * Generates a linearizable faultline history of the register workload's shape (read, write, cas
 * per key, some ops timing out as `info`, compare failures as `fail`/`cas-mismatch`), for the
 * porcupine benchmark: each key is worked on by `clientsPerKey` clients whose ops overlap at
 * random; `keysAtOnce` keys are in progress at any time.
 */
import type { Op } from '../src/core/op.js';
import { mulberry32 } from './mulberry32.js';

/** Shape of the generated history. */
export interface RegisterHistoryOptions {
  ops: number;
  keys: number;
  clientsPerKey?: number;
  keysAtOnce?: number;
  /** Share of ops that time out (outcome unknown). */
  infoRate?: number;
  seed?: number;
}

interface Planned {
  key: string;
  process: number;
  f: 'read' | 'write' | 'cas';
  arg: unknown;
  call: number;
  ret: number;
  point: number;
  info: boolean;
  applied: boolean;
  result?: { type: 'ok' | 'fail'; value: unknown; error?: string };
}

/** Builds the history; deterministic for a given seed. */
export function registerHistory(o: RegisterHistoryOptions): Op[] {
  const rand = mulberry32(o.seed ?? 1);
  const clients = o.clientsPerKey ?? 5;
  const atOnce = o.keysAtOnce ?? 4;
  const perKey = Math.ceil(o.ops / o.keys);
  const records: { time: number; op: Omit<Op, 'index' | 'time'> }[] = [];
  for (let k = 0; k < o.keys; k++) {
    const key = String(k);
    const offset = Math.floor(k / atOnce) * perKey * 40;
    const free = new Array<number>(clients).fill(offset);
    const proc = Array.from({ length: clients }, (_, c) => k * clients + c);
    const planned: Planned[] = [];
    for (let i = 0; i < perKey; i++) {
      const c = Math.floor(rand() * clients);
      const call = free[c] + 1 + Math.floor(rand() * 20);
      const ret = call + 1 + Math.floor(rand() * 60);
      const r = rand();
      const f = r < 0.5 ? 'read' : r < 0.8 ? 'write' : 'cas';
      const v = (): number => Math.floor(rand() * 5);
      const arg = f === 'read' ? null : f === 'write' ? v() : [v(), v()];
      const info = f !== 'read' && rand() < (o.infoRate ?? 0.05);
      planned.push({ key, process: proc[c], f, arg, call, ret, point: call + rand() * (ret - call), info, applied: !info || rand() < 0.5 });
      free[c] = ret;
      if (info) proc[c] += o.keys * clients; // a timed-out process is retired
    }
    let state: number | null = null;
    for (const p of [...planned].sort((a, b) => a.point - b.point)) {
      if (!p.applied) continue;
      if (p.f === 'read') p.result = { type: 'ok', value: state };
      else if (p.f === 'write') {
        state = p.arg as number;
        p.result = { type: 'ok', value: p.arg };
      } else {
        const [from, to] = p.arg as [number, number];
        if (state === from) {
          state = to;
          p.result = { type: 'ok', value: p.arg };
        } else p.result = { type: 'fail', value: p.arg, error: 'cas-mismatch' };
      }
    }
    for (const p of planned) {
      records.push({ time: p.call, op: { process: p.process, type: 'invoke', f: p.f, key, value: p.arg } });
      const done: Omit<Op, 'index' | 'time'> = p.info
        ? { process: p.process, type: 'info', f: p.f, key, value: p.arg, error: 'timed-out' }
        : { process: p.process, type: p.result!.type, f: p.f, key, value: p.result!.value };
      if (p.result?.error) done.error = p.result.error;
      records.push({ time: p.ret, op: done });
    }
  }
  records.sort((a, b) => a.time - b.time || (a.op.type === 'invoke' ? 1 : 0) - (b.op.type === 'invoke' ? 1 : 0));
  return records.map((r, index) => ({ index, time: r.time * 1000, ...r.op }) as Op);
}
