/**
 * A small builder of literal histories for the eventual checkers' tests. Time advances by 1 ms per
 * record, so every record has its own instant; `op` invokes and completes at once (one op after the
 * other), `invoke` / `complete` leave an op in flight while others run.
 */
import type { Op } from '../../../src/core/op.js';

/** Where an op runs: its key (default `s`) and node (none by default). */
export interface Where {
  key?: string;
  node?: string;
}

export class History {
  readonly ops: Op[] = [];
  private readonly open = new Map<number, Op>();

  private push(op: Omit<Op, 'index' | 'time'>): Op {
    const full = { index: this.ops.length, time: (this.ops.length + 1) * 1_000_000, ...op } as Op;
    this.ops.push(full);
    return full;
  }

  /** Invokes `f` on process `p`; returns its index. */
  invoke(p: number, f: string, value: unknown, w: Where = {}): this {
    const op = this.push({ process: p, type: 'invoke', f, value, key: w.key ?? 's', ...(w.node ? { node: w.node } : {}) });
    this.open.set(p, op);
    return this;
  }

  /** Completes process p's op: `ok` with `value` (the invoke's value if not given), `fail` or `info`. */
  complete(p: number, type: 'ok' | 'fail' | 'info' = 'ok', value?: unknown): this {
    const inv = this.open.get(p);
    if (!inv) throw new Error(`process ${p} has nothing in flight`);
    this.open.delete(p);
    const v = value !== undefined ? value : inv.f === 'read' && type !== 'ok' ? null : inv.value;
    this.push({ process: p, type, f: inv.f, value: v, key: inv.key, ...(inv.node ? { node: inv.node } : {}) });
    return this;
  }

  /** An op invoked and completed at once; reads give what they returned as `result`. */
  op(p: number, f: string, value: unknown, o: Where & { type?: 'ok' | 'fail' | 'info'; result?: unknown } = {}): this {
    return this.invoke(p, f, f === 'read' ? null : value, o).complete(p, o.type ?? 'ok', f === 'read' && (o.type ?? 'ok') === 'ok' ? value : undefined);
  }

  /** `op(p, 'add', v, …)`. */
  add(p: number, v: unknown, o: Where & { type?: 'ok' | 'fail' | 'info' } = {}): this {
    return this.op(p, 'add', v, o);
  }

  /** `op(p, 'read', returned, …)`. */
  read(p: number, returned: unknown, o: Where & { type?: 'ok' | 'fail' | 'info' } = {}): this {
    return this.op(p, 'read', returned, o);
  }

  /** A nemesis op, invoked and completed `ok` (the last one is the heal). */
  nemesis(f = 'stop-partition'): this {
    this.push({ process: 'nemesis', type: 'invoke', f, value: null });
    this.push({ process: 'nemesis', type: 'ok', f, value: null });
    return this;
  }
}

/** Test info for a checker call. */
export const testInfo = { name: 't', workload: 'set', target: 'raft-kv', concurrency: 3, seed: 1 };
