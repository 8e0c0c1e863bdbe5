/**
 * The replicated state machine: keys holding registers (JSON values), sets (sorted arrays of distinct
 * elements) or counters (numbers), plus the client session table that makes retried writes
 * idempotent. Applying the same committed commands in the same order on every node yields the same
 * state; `snapshot`/`restore` carry the data and the sessions.
 *
 * A key's kind is set by the single-key op that creates it (write/cas/append: register, add: set,
 * incr: counter); another kind's op on it fails with `wrong-type`. A transaction's `w`/`append`
 * micro-ops treat every key as a register and replace whatever it held.
 */
import type { KvRequest, KvResult, MicroOp } from './protocol.js';
import { insertElement } from './set-elements.js';

type Kind = 'register' | 'set' | 'counter';

interface Session {
  seq: number;
  result: KvResult;
}

export class KvState {
  private data = new Map<string, unknown>();
  private sets = new Map<string, unknown[]>();
  private counters = new Map<string, number>();
  private sessions = new Map<string, Session>();

  /** What `key` holds: a register's value, a set's sorted elements (a copy), a counter; null when absent. */
  read(key: string): unknown {
    if (this.data.has(key)) return this.data.get(key);
    const set = this.sets.get(key);
    if (set) return [...set];
    return this.counters.get(key) ?? null;
  }

  private kind(key: string): Kind | undefined {
    if (this.data.has(key)) return 'register';
    if (this.sets.has(key)) return 'set';
    return this.counters.has(key) ? 'counter' : undefined;
  }

  /** Applies one committed request; a (client, seq) already applied returns its recorded result. */
  apply(req: KvRequest): KvResult {
    if (req.f === 'read') return { type: 'ok', value: this.read(req.key) };
    const s = this.sessions.get(req.client);
    if (s && req.seq === s.seq) return s.result;
    if (s && req.seq < s.seq) return { type: 'fail', error: 'stale-request' };
    const result = this.execute(req);
    this.sessions.set(req.client, { seq: req.seq, result });
    return result;
  }

  private execute(req: Exclude<KvRequest, { f: 'read' }>): KvResult {
    if (req.f !== 'txn') {
      const want: Kind = req.f === 'add' ? 'set' : req.f === 'incr' ? 'counter' : 'register';
      const has = this.kind(req.key);
      if (has !== undefined && has !== want) return { type: 'fail', error: 'wrong-type' };
    }
    switch (req.f) {
      case 'add': {
        const set = this.sets.get(req.key) ?? [];
        insertElement(set, req.value);
        this.sets.set(req.key, set);
        return { type: 'ok' };
      }
      case 'incr':
        this.counters.set(req.key, (this.counters.get(req.key) ?? 0) + req.value);
        return { type: 'ok' };
      case 'write':
        this.data.set(req.key, req.value);
        return { type: 'ok' };
      case 'cas': {
        const [from, to] = req.value;
        if (!sameValue(this.read(req.key), from)) return { type: 'fail', error: 'cas-mismatch' };
        this.data.set(req.key, to);
        return { type: 'ok' };
      }
      case 'append':
        this.append(req.key, req.value);
        return { type: 'ok' };
      case 'txn':
        return { type: 'ok', value: req.value.map((op) => this.micro(op)) };
    }
  }

  private micro(op: MicroOp): MicroOp {
    const [f, key, v] = op;
    if (f === 'r') return ['r', key, this.read(key)];
    if (this.kind(key) !== 'register') {
      this.sets.delete(key);
      this.counters.delete(key);
    }
    if (f === 'w') this.data.set(key, v);
    else this.append(key, v);
    return op;
  }

  private append(key: string, v: unknown): void {
    const cur = this.read(key);
    this.data.set(key, Array.isArray(cur) ? [...cur, v] : cur === null ? [v] : [cur, v]);
  }

  /** Serializes data and sessions. */
  snapshot(): string {
    return JSON.stringify({ data: [...this.data], sets: [...this.sets], counters: [...this.counters], sessions: [...this.sessions] });
  }

  /** Rebuilds a state machine from `snapshot()` output (also from one written before sets and counters existed). */
  static restore(text: string): KvState {
    const kv = new KvState();
    const parsed = JSON.parse(text) as {
      data: [string, unknown][];
      sets?: [string, unknown[]][];
      counters?: [string, number][];
      sessions: [string, Session][];
    };
    kv.data = new Map(parsed.data);
    kv.sets = new Map(parsed.sets ?? []);
    kv.counters = new Map(parsed.counters ?? []);
    kv.sessions = new Map(parsed.sessions);
    return kv;
  }
}

/** The serialized empty state (snapshot index 0). */
export const EMPTY_KV_SNAPSHOT = new KvState().snapshot();

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
