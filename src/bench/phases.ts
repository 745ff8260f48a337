/**
 * @module bench/phases
 * Where xinjian's time went, from the `phase_start`/`phase_done` lines of `analyze --progress ndjson`: reading the
 * items (from the end of `collect` to the start of `engine_load`), the engine's load, counting and the report
 * documents. Pure.
 */

export interface PhaseSplit {
  /** Seconds from the end of evidence collection to the start of the engine load: hashing, reading, typing. */
  readonly items: number;
  readonly engine_load: number;
  readonly counting: number;
  readonly reports: number;
}

interface PhaseEvent {
  readonly type: string;
  readonly phase?: string;
  readonly elapsed?: number;
  readonly seconds?: number;
}

/** The split, or null when a phase is missing (the run failed or printed no progress). */
export function phaseSplit(ndjsonLines: readonly string[]): PhaseSplit | null {
  const start = new Map<string, number>();
  const done = new Map<string, { elapsed: number; seconds: number }>();
  for (const line of ndjsonLines) {
    let e: PhaseEvent;
    try {
      e = JSON.parse(line) as PhaseEvent;
    } catch {
      continue;
    }
    if (typeof e.phase !== 'string' || typeof e.elapsed !== 'number') continue;
    if (e.type === 'phase_start') start.set(e.phase, e.elapsed);
    else if (e.type === 'phase_done' && typeof e.seconds === 'number') {
      done.set(e.phase, { elapsed: e.elapsed, seconds: e.seconds });
    }
  }
  const collect = done.get('collect');
  const loadStart = start.get('engine_load');
  const load = done.get('engine_load');
  const counting = done.get('counting');
  const reports = done.get('reports');
  if (!collect || loadStart === undefined || !load || !counting || !reports) return null;
  return {
    items: loadStart - collect.elapsed,
    engine_load: load.seconds,
    counting: counting.seconds,
    reports: reports.seconds,
  };
}

/** `items 15.0 s · engine load 0.8 s · counting 4.3 s · reports 2.1 s`. */
export function formatPhases(p: PhaseSplit): string {
  const s = (x: number) => `${x.toFixed(1)} s`;
  return (
    `items ${s(p.items)} · engine load ${s(p.engine_load)} · counting ${s(p.counting)} · ` +
    `reports ${s(p.reports)}`
  );
}
