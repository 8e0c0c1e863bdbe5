/**
 * The nemesis registry. CLI choices, help text and `faultline list` are derived from it.
 * `none` runs without faults; the fault nemeses (partition, kill, pause, clock, packet) arrive with
 * the nemesis layer.
 */

/** What `faultline list` shows of a nemesis. */
export interface NemesisInfo {
  name: string;
  description: string;
}

/** Every nemesis, by name. */
export const nemeses: Record<string, NemesisInfo> = {
  none: { name: 'none', description: 'no faults' },
};
