/** The nemesis contract (contract-suite.ts) on the external runtime, against a cluster its fixture starts (test/support/external-netns-cluster.ts). */
import { runtimesUnderTest } from '../support/runtimes-under-test.js';
import { nemesisContract } from './contract-suite.js';

nemesisContract(runtimesUnderTest.find((r) => r.runtime.name === 'external')!);
