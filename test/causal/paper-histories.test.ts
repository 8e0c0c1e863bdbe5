/**
 * The five example histories (a)–(e) that "On Verifying Causal Consistency" (Bouajjani, Enea,
 * Guerraoui, Hamza, POPL 2017; arXiv 1611.00580) uses to set CC, CCv and CM apart, as literal tests.
 *
 * Where they come from, honestly: the stored copies of the paper reachable here give only its first
 * page, so the figure itself could not be read. The histories are those of the public transcription in
 * shumbo/c3py (`src/c3py/bad_pattern_test.py`, `make_wrhistory_a` … `_e`, which notes `r(z,0)` as the
 * paper's initial value), and the CC and CCv verdicts asserted below are the ones that transcription
 * asserts. The CM verdicts are not taken from anywhere: they are what the models' definitions give by
 * exhaustive search (`bruteCausal`), and every verdict here is also checked against that search.
 */
import { describe, expect, it } from 'vitest';
import { checkCausal } from '../../src/causal/index.js';
import { bruteCausal } from './brute-force.js';
import { hist } from './notation.js';

interface Example {
  label: string;
  processes: string[][];
  /** Verdicts on CC and CCv (as transcribed) and CM (from the definitions), with the patterns found. */
  expected: { cc: boolean; ccv: boolean; cm: boolean };
  by: { cc: string[]; ccv: string[]; cm: string[] };
}

const EXAMPLES: Example[] = [
  {
    label: '(a) each process reads the other’s write after its own',
    processes: [['w(x,1)', 'r(x,2)'], ['w(x,2)', 'r(x,1)']],
    expected: { cc: true, ccv: false, cm: true },
    by: { cc: [], ccv: ['CyclicCF'], cm: [] },
  },
  {
    label: '(b) the second process reads z initial, then y after z was written, then its own x',
    processes: [['w(z,1)', 'w(x,1)', 'w(y,1)'], ['w(x,2)', 'r(z,0)', 'r(y,1)', 'r(x,2)']],
    expected: { cc: true, ccv: true, cm: false },
    by: { cc: [], ccv: [], cm: ['WriteHBInitRead'] },
  },
  {
    label: '(c) one process reads the other’s write, then its own again',
    processes: [['w(x,1)'], ['w(x,2)', 'r(x,1)', 'r(x,2)']],
    expected: { cc: true, ccv: false, cm: false },
    by: { cc: [], ccv: ['CyclicCF'], cm: ['CyclicHB'] },
  },
  {
    label: '(d) both read y initial, write y, read their own x',
    processes: [['w(x,1)', 'r(y,0)', 'w(y,1)', 'r(x,1)'], ['w(x,2)', 'r(y,0)', 'w(y,2)', 'r(x,2)']],
    expected: { cc: true, ccv: true, cm: true },
    by: { cc: [], ccv: [], cm: [] },
  },
  {
    label: '(e) a third process reads x=2 then x=1, though x=1 is in x=2’s causal past',
    processes: [['w(x,1)', 'w(y,1)'], ['r(y,1)', 'w(x,2)'], ['r(x,2)', 'r(x,1)']],
    expected: { cc: false, ccv: false, cm: false },
    by: { cc: ['WriteCORead'], ccv: ['WriteCORead'], cm: ['WriteCORead'] },
  },
];

describe('the CC/CCv/CM example histories (a)–(e) of Bouajjani et al. (as transcribed; see the header)', () => {
  for (const ex of EXAMPLES) {
    it(ex.label, () => {
      const h = hist(...ex.processes);
      const r = checkCausal(h);
      expect({ cc: r.cc.holds, ccv: r.ccv.holds, cm: r.cm.holds }).toEqual(ex.expected);
      expect({ cc: r.cc.by, ccv: r.ccv.by, cm: r.cm.by }).toEqual(ex.by);
      expect(bruteCausal(h)).toEqual(ex.expected);
    });
  }
});
