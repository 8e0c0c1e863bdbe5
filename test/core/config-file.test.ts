/**
 * Config files: JSON and YAML read alike; every mistake is one UserError line naming the file, the
 * line and the field.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldPath, loadConfigFile, parseConfigText } from '../../src/core/config-file.js';
import { UserError } from '../../src/core/errors.js';

const schema = z.strictObject({
  name: z.string(),
  nodes: z.array(z.strictObject({ host: z.string(), port: z.number().int() })).min(1),
});

const error = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('no error');
};

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('config files', () => {
  it('reads YAML and JSON to the same value', () => {
    const yaml = 'name: c\nnodes:\n  - host: 127.0.0.1\n    port: 7000\n';
    const json = '{"name": "c", "nodes": [{"host": "127.0.0.1", "port": 7000}]}';
    expect(parseConfigText('a.yaml', yaml, schema)).toEqual(parseConfigText('a.json', json, schema));
    expect(parseConfigText('a.yaml', yaml, schema).nodes[0]!.port).toBe(7000);
  });

  it('names the file, line and field of a value of the wrong type', () => {
    const yaml = 'name: c\nnodes:\n  - host: 127.0.0.1\n    port: 7000\n  - host: 127.0.0.2\n    port: seven\n';
    expect(error(() => parseConfigText('cluster.yaml', yaml, schema))).toMatch(/^cluster\.yaml:6: nodes\[1\]\.port: .*number/);
    const json = '{\n  "name": "c",\n  "nodes": [\n    {"host": 1, "port": 7000}\n  ]\n}';
    expect(error(() => parseConfigText('c.json', json, schema))).toMatch(/^c\.json:4: nodes\[0\]\.host: .*string/);
  });

  it('names a missing field at its parent and an unknown one at itself', () => {
    expect(error(() => parseConfigText('t.yaml', 'nodes:\n  - host: h\n    port: 1\n', schema))).toMatch(/^t\.yaml:1: name: /);
    expect(error(() => parseConfigText('t.yaml', 'name: c\nnodes:\n  - host: h\n    port: 1\n    prot: 2\n', schema))).toMatch(/^t\.yaml:3: nodes\[0\]: .*prot/);
  });

  it('refuses text that is not JSON or YAML, an empty file, duplicate keys and an unreadable file', () => {
    expect(error(() => parseConfigText('x.json', '{"name": "c",\n "nodes": [}', schema))).toMatch(/^x\.json:2: not valid JSON or YAML/);
    expect(error(() => parseConfigText('e.yaml', '', schema))).toBe('e.yaml: empty; expected a JSON or YAML object');
    expect(error(() => parseConfigText('d.yaml', 'name: a\nname: b\n', schema))).toMatch(/^d\.yaml:2: not valid/);
    expect(error(() => loadConfigFile('/nonexistent/f.yaml', schema))).toMatch(/^\/nonexistent\/f\.yaml: cannot read: /);
  });

  it('reads from a file', () => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-config-'));
    const f = join(dir, 'c.yml');
    writeFileSync(f, 'name: c\nnodes: [{host: h, port: 1}]\n');
    expect(loadConfigFile(f, schema).name).toBe('c');
  });

  it('writes field paths as a user reads them', () => {
    expect(fieldPath(['nodes', 1, 'port'])).toBe('nodes[1].port');
    expect(fieldPath([])).toBe('');
  });
});
