/** The nemesis contract (contract-suite.ts) on the local runtime. */
import { runtimesUnderTest } from '../support/runtimes-under-test.js';
import { nemesisContract } from './contract-suite.js';

nemesisContract(runtimesUnderTest.find((r) => r.runtime.name === 'local')!);
